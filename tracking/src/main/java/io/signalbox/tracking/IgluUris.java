package io.signalbox.tracking;

import io.signalbox.events.SchemaKey;
import io.signalbox.events.SchemaVer;

/**
 * Parses Iglu URIs ({@code iglu:vendor/name/format/M-R-A}) without regular expressions or exceptions; it accepts
 * exactly what {@link SchemaKey#parse} accepts, several times faster, since every self-describing JSON of every
 * event passes through it.
 */
final class IgluUris {
    private static final String PREFIX = "iglu:";
    private static final int MAX_VERSION_DIGITS = 6;

    private IgluUris() {}

    /** The key, or {@code null} when the text is not a valid Iglu URI. */
    static SchemaKey parse(String uri) {
        if (uri == null || !uri.startsWith(PREFIX)) {
            return null;
        }
        int vendorEnd = uri.indexOf('/', PREFIX.length());
        int nameEnd = vendorEnd < 0 ? -1 : uri.indexOf('/', vendorEnd + 1);
        int formatEnd = nameEnd < 0 ? -1 : uri.indexOf('/', nameEnd + 1);
        if (formatEnd < 0 || uri.indexOf('/', formatEnd + 1) >= 0) {
            return null;
        }
        if (!segment(uri, PREFIX.length(), vendorEnd, true)
                || !segment(uri, vendorEnd + 1, nameEnd, false)
                || !segment(uri, nameEnd + 1, formatEnd, false)) {
            return null;
        }
        SchemaVer version = version(uri, formatEnd + 1);
        if (version == null) {
            return null;
        }
        return new SchemaKey(
                uri.substring(PREFIX.length(), vendorEnd),
                uri.substring(vendorEnd + 1, nameEnd),
                uri.substring(nameEnd + 1, formatEnd),
                version);
    }

    private static boolean segment(String text, int from, int to, boolean dotsAllowed) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '_'
                    || c == '-'
                    || c == '.' && dotsAllowed;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static SchemaVer version(String text, int from) {
        int[] numbers = new int[3];
        int part = 0;
        int digits = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-') {
                if (digits == 0 || part == 2) {
                    return null;
                }
                part++;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < MAX_VERSION_DIGITS) {
                numbers[part] = numbers[part] * 10 + (c - '0');
                digits++;
            } else {
                return null;
            }
        }
        if (part != 2 || digits == 0 || numbers[0] < 1) {
            return null;
        }
        return new SchemaVer(numbers[0], numbers[1], numbers[2]);
    }
}
