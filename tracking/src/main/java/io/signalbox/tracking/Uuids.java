package io.signalbox.tracking;

import java.util.Locale;

/** Checks for the canonical {@code 8-4-4-4-12} hexadecimal UUID form, without allocating. */
final class Uuids {
    private Uuids() {}

    /** Whether the text is a UUID in canonical form, in any letter case. */
    static boolean isUuid(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** The UUID in lower case, or {@code null} when the text is not a canonical UUID. */
    static String normalise(String text) {
        if (!isUuid(text)) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            if (Character.isUpperCase(text.charAt(i))) {
                return text.toLowerCase(Locale.ROOT);
            }
        }
        return text;
    }
}
