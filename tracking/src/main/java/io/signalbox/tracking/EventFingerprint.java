package io.signalbox.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event fingerprint: the raw parameters that have a value, sorted by name, minus the excluded ones, written as
 * {@code name US value US name US value…} (US being the unit separator U+001F) and hashed; the lower-case hex digest.
 */
final class EventFingerprint {
    private static final char UNIT_SEPARATOR = '\u001f';
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final EnricherConfig.Fingerprint config;

    EventFingerprint(EnricherConfig.Fingerprint config) {
        this.config = config;
        digest();
    }

    /** The fingerprint of an event's parameters. */
    String of(Map<String, String> parameters) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            if (value != null
                    && !value.isEmpty()
                    && !config.excludedParameters().contains(parameter.getKey())) {
                sorted.put(parameter.getKey(), value);
            }
        }
        StringBuilder text = new StringBuilder(512);
        for (Map.Entry<String, String> parameter : sorted.entrySet()) {
            if (!text.isEmpty()) {
                text.append(UNIT_SEPARATOR);
            }
            text.append(parameter.getKey()).append(UNIT_SEPARATOR).append(parameter.getValue());
        }
        return hex(digest().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(config.javaAlgorithm());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks the digest " + config.javaAlgorithm(), e);
        }
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[bytes[i] >> 4 & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
