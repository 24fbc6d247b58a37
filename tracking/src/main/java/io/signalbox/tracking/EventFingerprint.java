package io.signalbox.tracking;

import io.signalbox.events.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event fingerprint: the raw parameters that have a value, sorted by name, minus the excluded ones, written as
 * {@code name US value US name US value…} (US being the unit separator U+001F) and hashed; the lower-case hex digest.
 *
 * <p>Sorting is the costly part after the hash itself, so the names of the tracker protocol are ranked once: an event
 * whose names are all known is put in order by placing each value at its name's rank, with one lookup per
 * parameter; any other event is sorted.
 */
final class EventFingerprint {
    private static final char UNIT_SEPARATOR = '\u001f';
    private static final HexFormat HEX = HexFormat.of();
    private static final String PAYLOAD_DATA =
            "iglu/schemas/com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4";
    private static final Set<String> GET_ONLY_NAMES = Set.of("cv", "ev_ca", "ev_ac", "ev_la", "ev_pr", "ev_va", "u");
    private static final String[] KNOWN_NAMES = knownNames();
    private static final Map<String, Integer> RANKS = ranks();

    private final EnricherConfig.Fingerprint config;
    private final Set<String> excluded;
    private final boolean[] excludedRanks;
    private final MessageDigest prototype;

    EventFingerprint(EnricherConfig.Fingerprint config) {
        this.config = config;
        this.excluded = new HashSet<>(config.excludedParameters());
        this.excludedRanks = new boolean[KNOWN_NAMES.length];
        for (String name : excluded) {
            Integer rank = RANKS.get(name);
            if (rank != null) {
                excludedRanks[rank] = true;
            }
        }
        this.prototype = newDigest(config);
    }

    /** The fingerprint of an event's parameters. */
    String of(Map<String, String> parameters) {
        String[] valuesByRank = new String[KNOWN_NAMES.length];
        int length = 0;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            if (value == null || value.isEmpty()) {
                continue;
            }
            Integer rank = RANKS.get(parameter.getKey());
            if (rank == null) {
                if (excluded.contains(parameter.getKey())) {
                    continue;
                }
                return hash(joinSorted(parameters));
            }
            if (!excludedRanks[rank]) {
                valuesByRank[rank] = value;
                length += parameter.getKey().length() + value.length() + 2;
            }
        }
        return hash(joinRanked(valuesByRank, length));
    }

    private String hash(String text) {
        return HEX.formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String joinRanked(String[] valuesByRank, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int rank = 0; rank < valuesByRank.length; rank++) {
            if (valuesByRank[rank] != null) {
                append(text, KNOWN_NAMES[rank], valuesByRank[rank]);
            }
        }
        return text.toString();
    }

    private String joinSorted(Map<String, String> parameters) {
        String[] names = new String[parameters.size()];
        int count = 0;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            if (value != null && !value.isEmpty() && !excluded.contains(parameter.getKey())) {
                names[count++] = parameter.getKey();
            }
        }
        Arrays.sort(names, 0, count);
        StringBuilder text = new StringBuilder(512);
        for (int i = 0; i < count; i++) {
            append(text, names[i], parameters.get(names[i]));
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String name, String value) {
        if (!text.isEmpty()) {
            text.append(UNIT_SEPARATOR);
        }
        text.append(name).append(UNIT_SEPARATOR).append(value);
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

    /** The names payload_data lists and the GET-only ones, in natural order. */
    private static String[] knownNames() {
        try (InputStream in = EventFingerprint.class.getClassLoader().getResourceAsStream(PAYLOAD_DATA)) {
            if (in == null) {
                throw new IllegalStateException("the built-in schema " + PAYLOAD_DATA + " is missing");
            }
            TreeSet<String> names = new TreeSet<>(GET_ONLY_NAMES);
            Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .path("items")
                    .path("properties")
                    .propertyNames()
                    .forEach(names::add);
            return names.toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PAYLOAD_DATA, e);
        }
    }

    private static Map<String, Integer> ranks() {
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < KNOWN_NAMES.length; i++) {
            ranks.put(KNOWN_NAMES[i], i);
        }
        return ranks;
    }
}
