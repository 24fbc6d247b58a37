package io.signalbox.attributes.core;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL LIKE without an escape character: {@code %} matches any run of characters, {@code _} exactly one (one UTF-16
 * unit); case sensitive; the whole value must match. Compiled once; matching allocates nothing.
 */
final class LikePattern {
    private final String[] segments;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;
    private final int minLength;

    private LikePattern(String[] segments, boolean anchoredStart, boolean anchoredEnd) {
        this.segments = segments;
        this.anchoredStart = anchoredStart;
        this.anchoredEnd = anchoredEnd;
        int length = 0;
        for (String segment : segments) {
            length += segment.length();
        }
        this.minLength = length;
    }

    static LikePattern compile(String pattern) {
        boolean anchoredStart = !pattern.startsWith("%");
        boolean anchoredEnd = !pattern.endsWith("%");
        List<String> segments = new ArrayList<>();
        for (String segment : pattern.split("%", -1)) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return new LikePattern(segments.toArray(String[]::new), anchoredStart, anchoredEnd);
    }

    boolean matches(String text) {
        if (text.length() < minLength) {
            return false;
        }
        if (segments.length == 0) {
            return !(anchoredStart && anchoredEnd) || text.isEmpty();
        }
        if (segments.length == 1 && anchoredStart && anchoredEnd) {
            return text.length() == minLength && matchesAt(text, 0, segments[0]);
        }
        int from = 0;
        int first = 0;
        int last = segments.length;
        if (anchoredStart) {
            if (!matchesAt(text, 0, segments[0])) {
                return false;
            }
            from = segments[0].length();
            first = 1;
        }
        int end = text.length();
        if (anchoredEnd) {
            String tail = segments[segments.length - 1];
            int tailStart = text.length() - tail.length();
            if (tailStart < from || !matchesAt(text, tailStart, tail)) {
                return false;
            }
            end = tailStart;
            last = segments.length - 1;
        }
        for (int i = first; i < last; i++) {
            int found = find(text, segments[i], from, end);
            if (found < 0) {
                return false;
            }
            from = found + segments[i].length();
        }
        return true;
    }

    private static int find(String text, String segment, int from, int end) {
        if (segment.indexOf('_') < 0) {
            int found = text.indexOf(segment, from);
            return found >= 0 && found + segment.length() <= end ? found : -1;
        }
        for (int start = from; start + segment.length() <= end; start++) {
            if (matchesAt(text, start, segment)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean matchesAt(String text, int start, String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char expected = segment.charAt(i);
            if (expected != '_' && expected != text.charAt(start + i)) {
                return false;
            }
        }
        return true;
    }
}
