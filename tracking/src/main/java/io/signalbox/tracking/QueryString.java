package io.signalbox.tracking;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads raw query strings the way the tracker protocol expects: {@code application/x-www-form-urlencoded}, {@code +}
 * as space, {@code %XX} as UTF-8 bytes, the last of duplicate names winning.
 */
final class QueryString {

    private QueryString() {}

    /** One {@code name=value} pair, decoded. */
    record Pair(String name, String value) {}

    /**
     * Whether the raw text is a syntactically valid URI query: only unreserved and reserved characters, complete
     * percent escapes, and non-ASCII letters (which browsers send raw). A space, {@code "}, {@code <}, {@code >},
     * {@code \}, {@code ^}, a backtick, braces, {@code |} or a control character make it invalid.
     */
    static boolean isValid(String raw) {
        int length = raw.length();
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= length || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            } else if (!allowed(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowed(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        if (c >= 0x80) {
            return !Character.isISOControl(c) && !Character.isSpaceChar(c);
        }
        return "-._~!$&'()*+,;=:@/?[]".indexOf(c) >= 0;
    }

    /** The decoded pairs in their order, duplicates kept; empty names are skipped. */
    static List<Pair> pairs(String raw) {
        List<Pair> pairs = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return pairs;
        }
        int start = 0;
        int length = raw.length();
        while (start <= length) {
            int end = raw.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                addPair(pairs, raw, start, end);
            }
            start = end + 1;
        }
        return pairs;
    }

    private static void addPair(List<Pair> pairs, String raw, int start, int end) {
        int equals = raw.indexOf('=', start);
        if (equals < 0 || equals > end) {
            equals = end;
        }
        if (equals == start) {
            return;
        }
        String name = decode(raw, start, equals);
        String value = equals < end ? decode(raw, equals + 1, end) : "";
        pairs.add(new Pair(name, value));
    }

    /** The decoded parameters by name, the last duplicate winning, in first-appearance order. */
    static Map<String, String> toMap(String raw) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Pair pair : pairs(raw)) {
            map.put(pair.name(), pair.value());
        }
        return map;
    }

    /** The value of the first parameter with this name, decoded, or {@code null}. */
    static String first(String raw, String name) {
        for (Pair pair : pairs(raw)) {
            if (pair.name().equals(name)) {
                return pair.value();
            }
        }
        return null;
    }

    /** Form-decodes text; an incomplete or invalid escape is kept as it is. */
    static String decode(String text) {
        return decode(text, 0, text.length());
    }

    private static String decode(String raw, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == '%' || c == '+') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return raw.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        ByteArrayOutputStream bytes = null;
        int i = from;
        while (i < to) {
            char c = raw.charAt(i);
            if (c == '%' && escapeAt(raw, i, to)) {
                if (bytes == null) {
                    bytes = new ByteArrayOutputStream();
                }
                bytes.reset();
                while (i < to && raw.charAt(i) == '%' && escapeAt(raw, i, to)) {
                    bytes.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                    i += 3;
                }
                out.append(bytes.toString(StandardCharsets.UTF_8));
            } else {
                out.append(c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean escapeAt(String raw, int at, int to) {
        return at + 2 < to && hex(raw.charAt(at + 1)) >= 0 && hex(raw.charAt(at + 2)) >= 0;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
