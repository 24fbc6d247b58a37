package io.signalbox.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The event fingerprint: the raw parameters that have a value, sorted by name, minus the excluded ones, written as
 * {@code name US value US name US value…} (US being the unit separator U+001F) and hashed; the lower-case hex digest.
 */
final class EventFingerprint {
    private static final char UNIT_SEPARATOR = '\u001f';
    private static final HexFormat HEX = HexFormat.of();

    private final EnricherConfig.Fingerprint config;
    private final Set<String> excluded;
    private final MessageDigest prototype;

    EventFingerprint(EnricherConfig.Fingerprint config) {
        this.config = config;
        this.excluded = new HashSet<>(config.excludedParameters());
        this.prototype = newDigest(config);
    }

    /** The fingerprint of an event's parameters. */
    String of(Map<String, String> parameters) {
        String[] names = new String[parameters.size()];
        int count = 0;
        int length = 0;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            if (value != null && !value.isEmpty() && !excluded.contains(parameter.getKey())) {
                names[count++] = parameter.getKey();
                length += parameter.getKey().length() + value.length() + 2;
            }
        }
        Arrays.sort(names, 0, count);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(UNIT_SEPARATOR);
            }
            text.append(names[i]).append(UNIT_SEPARATOR).append(parameters.get(names[i]));
        }
        return HEX.formatHex(digest().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private MessageDigest digest() {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newDigest(config);
        }
    }

    private static MessageDigest newDigest(EnricherConfig.Fingerprint config) {
        try {
            return MessageDigest.getInstance(config.javaAlgorithm());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks the digest " + config.javaAlgorithm(), e);
        }
    }
}
