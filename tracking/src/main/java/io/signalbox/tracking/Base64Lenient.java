package io.signalbox.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes base64 the way trackers' {@code cx}, {@code ue_px} and {@code _sp} parts must be read: both the standard
 * and the URL-safe alphabet, padding optional, characters outside the alphabet ignored, decoding stopping at the
 * first {@code =}. A lone trailing character, which carries fewer than 8 bits, is dropped.
 */
final class Base64Lenient {
    private Base64Lenient() {}

    /** The decoded bytes as UTF-8 text; malformed UTF-8 becomes U+FFFD. */
    static String decodeToString(String encoded) {
        return new String(decode(encoded), StandardCharsets.UTF_8);
    }

    /** The decoded bytes. */
    static byte[] decode(String encoded) {
        char[] clean = new char[encoded.length()];
        int length = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '=') {
                break;
            }
            char mapped = map(c);
            if (mapped != 0) {
                clean[length++] = mapped;
            }
        }
        if (length % 4 == 1) {
            length--;
        }
        return Base64.getUrlDecoder().decode(new String(clean, 0, length));
    }

    private static char map(char c) {
        if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
            return c;
        }
        if (c == '+') {
            return '-';
        }
        if (c == '/') {
            return '_';
        }
        return 0;
    }

    /** URL-safe base64 without padding, as trackers send it. */
    static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
