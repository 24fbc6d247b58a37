package io.signalbox.engine.warehouse;

import io.signalbox.engine.log.EventLog;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Enriched events for warehouse tests. */
final class TestEvents {
    static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");
    static final String CONTEXTS = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1\","
            + "\"data\":[{\"schema\":\"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0\","
            + "\"data\":{\"id\":\"0edd614e-975d-4f3a-9cd9-af123ac35068\"}}]}";
    static final String DERIVED_CONTEXTS =
            "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1\","
                    + "\"data\":[{\"schema\":\"iglu:com.acme/persona/jsonschema/1-0-0\","
                    + "\"data\":{\"name\":\"Zoë 東京 ✓ 😀\",\"score\":0.75}}]}";
    static final String UNSTRUCT_EVENT =
            "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0\","
                    + "\"data\":{\"schema\":\"iglu:com.snowplowanalytics.snowplow/submit_form/jsonschema/1-0-0\","
                    + "\"data\":{\"formId\":\"demo-request\",\"elements\":[]}}}";

    private TestEvents() {}

    /** A page view of a user at {@code T0 + seconds}. */
    static EnrichedEvent pageView(int seconds, String user) {
        return minimal(T0.plusSeconds(seconds), user, "page_view");
    }

    static EnrichedEvent minimal(Instant derived, String user, String eventName) {
        return new EnrichedEvent()
                .set(AtomicField.APP_ID, "site")
                .set(AtomicField.PLATFORM, "web")
                .set(AtomicField.COLLECTOR_TSTAMP, derived.plusMillis(250))
                .set(AtomicField.DERIVED_TSTAMP, derived)
                .set(AtomicField.EVENT, "page_view".equals(eventName) ? "page_view" : "unstruct")
                .set(AtomicField.EVENT_ID, UUID.randomUUID().toString())
                .set(AtomicField.V_COLLECTOR, "signalbox")
                .set(AtomicField.V_ETL, "signalbox")
                .set(AtomicField.DOMAIN_USERID, user)
                .set(AtomicField.EVENT_VENDOR, "com.snowplowanalytics.snowplow")
                .set(AtomicField.EVENT_NAME, eventName)
                .set(AtomicField.EVENT_FORMAT, "jsonschema")
                .set(AtomicField.EVENT_VERSION, "1-0-0");
    }

    /**
     * An event with a value in every column; odd {@code i} leave every third column empty. Values are in canonical
     * form, so the event equals itself after a TSV round trip.
     */
    static EnrichedEvent full(int i) {
        EnrichedEvent event = new EnrichedEvent();
        for (AtomicField field : AtomicField.ALL) {
            if (i % 2 == 1 && field.ordinal() % 3 == 0 && !isRequired(field)) {
                continue;
            }
            event.set(field, valueFor(field, i));
        }
        return event;
    }

    private static boolean isRequired(AtomicField field) {
        return switch (field) {
            case EVENT_ID, COLLECTOR_TSTAMP, DERIVED_TSTAMP, V_COLLECTOR, V_ETL -> true;
            default -> false;
        };
    }

    private static Object valueFor(AtomicField field, int i) {
        return switch (field) {
            case EVENT_ID -> new UUID(0x1234L, i).toString();
            case CONTEXTS -> CONTEXTS;
            case DERIVED_CONTEXTS -> DERIVED_CONTEXTS;
            case UNSTRUCT_EVENT -> UNSTRUCT_EVENT;
            case DERIVED_TSTAMP -> T0.plusMillis(1000L * i + 7);
            default -> byType(field, i);
        };
    }

    private static Object byType(AtomicField field, int i) {
        return switch (field.type()) {
            case STRING -> truncate(field, field.columnName() + " Ünïcødé ✓ 東京 😀 \"q\" 'a,b' #" + i);
            case TIMESTAMP -> T0.plusMillis(1000L * i + field.ordinal());
            case INTEGER -> i % 3 == 0 ? -i - field.ordinal() : i * 1000 + field.ordinal();
            case DECIMAL -> new BigDecimal(i % 2 == 0 ? "1234567.89" : "-0.000000001").add(BigDecimal.valueOf(i));
            case COORDINATE -> i % 2 == 0 ? 51.5 : -0.125;
            case BOOLEAN -> (i + field.ordinal()) % 2 == 0;
            case JSON -> throw new AssertionError("JSON fields are set above");
        };
    }

    private static String truncate(AtomicField field, String text) {
        return field.maxLength() > 0 && text.length() > field.maxLength() ? text.substring(0, field.maxLength()) : text;
    }

    static byte[] tsv(EnrichedEvent event) {
        return EnrichedTsv.format(event).getBytes(StandardCharsets.UTF_8);
    }

    /** Appends events to the log and returns the end offset. */
    static long append(EventLog log, List<EnrichedEvent> events) throws Exception {
        List<byte[]> lines = new ArrayList<>(events.size());
        for (EnrichedEvent event : events) {
            lines.add(tsv(event));
        }
        return log.append(lines, List.of()).get();
    }
}
