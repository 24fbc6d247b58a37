package io.signalbox.attributes;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The small JSONPath subset that event and entity properties use: dotted names and numeric indexes, such as {@code
 * cart.items[0].sku}, optionally written with a leading {@code $.}. Names hold letters, digits, {@code _} and {@code
 * -}; quoted brackets, wildcards and a bare {@code $} are refused.
 *
 * <p>Instances are immutable and compare by the text as written.
 */
public final class JsonPath {
    private static final int MAX_SEGMENTS = 32;

    private final String text;
    private final String[] names;
    private final int[] indexes;

    private JsonPath(String text, String[] names, int[] indexes) {
        this.text = text;
        this.names = names;
        this.indexes = indexes;
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException when the text is not in the supported subset
     */
    public static JsonPath parse(String text) {
        String body = text.startsWith("$.") ? text.substring(2) : text;
        List<String> names = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '[') {
                int close = body.indexOf(']', i);
                String digits = close < 0 ? "" : body.substring(i + 1, close);
                if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
                    throw invalid(text, "an index must be [digits]");
                }
                names.add(null);
                indexes.add(Integer.parseInt(digits));
                i = close + 1;
            } else {
                if (c == '.') {
                    if (names.isEmpty()) {
                        throw invalid(text, "it cannot start with '.'");
                    }
                    i++;
                }
                int start = i;
                while (i < body.length() && isNameChar(body.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    throw invalid(text, "expected a name at position " + (start + text.length() - body.length()));
                }
                names.add(body.substring(start, i));
                indexes.add(-1);
            }
            if (names.size() > MAX_SEGMENTS) {
                throw invalid(text, "it has more than " + MAX_SEGMENTS + " segments");
            }
        }
        if (names.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        int[] indexArray = indexes.stream().mapToInt(Integer::intValue).toArray();
        return new JsonPath(text, names.toArray(String[]::new), indexArray);
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("not a supported path (names and [n] indexes): '" + text + "': " + why);
    }

    /** The path as written. */
    public String text() {
        return text;
    }

    /** The node at this path under the root, or {@code null} when any step is missing or JSON null. */
    public JsonNode read(JsonNode root) {
        JsonNode node = root;
        for (int i = 0; i < names.length && node != null; i++) {
            String name = names[i];
            if (name != null) {
                node = node.isObject() ? node.get(name) : null;
            } else {
                node = node.isArray() ? node.get(indexes[i]) : null;
            }
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    /** The last name of the path ({@code sku} for {@code items[0].sku}), or the whole text when it has no name. */
    public String lastName() {
        for (int i = names.length - 1; i >= 0; i--) {
            if (names[i] != null) {
                return names[i];
            }
        }
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonPath that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
