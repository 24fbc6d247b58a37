package io.signalbox.tracking;

import io.signalbox.events.EnrichedTsv;
import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import io.signalbox.events.SelfDescribingData;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the cross-domain linker parameter {@code _sp} of a page URL: {@code <domain_userid>.<timestamp_ms>}, or the
 * extended {@code <domain_userid>.<timestamp_ms>.<session_id>.<b64 user_id>.<b64 source_id>.<source_platform>.<b64
 * reason>} with trailing empty parts optional.
 */
final class CrossDomainLinker {
    static final SchemaKey ENTITY = SchemaKey.of("com.snowplowanalytics.snowplow", "cross_navigation", "1-0-0");

    private CrossDomainLinker() {}

    /**
     * What an {@code _sp} value says.
     *
     * @param domainUserId the linking page's {@code domain_userid}, or {@code null}
     * @param timestamp when the link was clicked, or {@code null}
     * @param entity the {@code cross_navigation} entity
     */
    record Link(String domainUserId, Instant timestamp, SelfDescribingData entity) {}

    /** Thrown when the timestamp part is not a number of milliseconds. */
    static final class InvalidLinkException extends Exception {
        InvalidLinkException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads a decoded {@code _sp} value. */
    static Link parse(String value) throws InvalidLinkException {
        String[] parts = value.split("\\.", -1);
        String domainUserId = EnrichedTsv.sanitise(parts[0]);
        Instant timestamp = parts.length > 1 && !parts[1].isEmpty() ? millis(parts[1]) : null;
        ObjectNode data = Json.NODES.objectNode();
        data.put("domain_user_id", domainUserId == null ? "" : domainUserId);
        data.put("timestamp", timestamp == null ? null : BadRows.iso(timestamp));
        data.put("session_id", part(parts, 2));
        data.put("user_id", decoded(parts, 3));
        data.put("source_id", decoded(parts, 4));
        data.put("source_platform", part(parts, 5));
        data.put("reason", decoded(parts, 6));
        return new Link(domainUserId, timestamp, new SelfDescribingData(ENTITY, data));
    }

    private static Instant millis(String text) throws InvalidLinkException {
        try {
            long millis = Long.parseLong(text);
            if (millis < 0 || millis > 253_402_300_799_999L) {
                throw new InvalidLinkException("the _sp timestamp is out of range: " + text);
            }
            return Instant.ofEpochMilli(millis);
        } catch (NumberFormatException e) {
            throw new InvalidLinkException("the _sp timestamp is not a number of milliseconds: " + text);
        }
    }

    private static String part(String[] parts, int index) {
        return index < parts.length && !parts[index].isEmpty() ? parts[index] : null;
    }

    private static String decoded(String[] parts, int index) {
        String part = part(parts, index);
        return part == null ? null : Base64Lenient.decodeToString(part);
    }
}
