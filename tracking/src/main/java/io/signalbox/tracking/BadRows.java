package io.signalbox.tracking;

import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedJson;
import io.signalbox.events.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds bad rows of the standard Snowplow types ({@code com.snowplowanalytics.snowplow.badrows/*}), each a
 * self-describing JSON {@code {schema, data: {processor, failure, payload}}} that validates against its schema.
 *
 * <p>The bad-row schemas cap some strings (query-string and parameter values at 512 characters, the collector name
 * at 32, headers at 8,192); longer values are cut to the cap so the row stays valid. Failure timestamps come from
 * the injected clock.
 *
 * <p>Thread-safe.
 */
public final class BadRows {
    private static final int NAME_VALUE_MAX = 512;
    private static final int COLLECTOR_MAX = 32;
    private static final int VENDOR_MAX = 64;
    private static final int VERSION_MAX = 16;
    private static final int CONTENT_TYPE_MAX = 256;
    private static final int IP_MAX = 128;
    private static final int USERAGENT_MAX = 4096;
    private static final int LONG_TEXT_MAX = 8192;
    private static final long SIZE_MAX = 1_073_741_824L;

    private final String artifact;
    private final String version;
    private final InstantSource clock;

    /**
     * @param artifact the processor name, such as {@code signalbox}
     * @param version the processor version, such as {@code 0.1.0}
     * @param clock the source of failure timestamps
     */
    public BadRows(String artifact, String version, InstantSource clock) {
        this.artifact = Objects.requireNonNull(artifact, "artifact");
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Bad rows stamped with the configured processor. */
    public static BadRows of(EnricherConfig config, InstantSource clock) {
        return new BadRows(config.processorArtifact(), config.processorVersion(), clock);
    }

    /**
     * A {@code size_violation} for a payload over the size limit. Its payload is the collector payload's JSON form
     * cut to a tenth of the limit.
     *
     * @param payload the oversized request
     * @param maxBytes the limit, such as 1,048,576
     * @param actualBytes the measured size
     * @param reason what was too large, written after {@code "oversized collector payload: "}
     */
    public BadRow sizeViolation(CollectorPayload payload, long maxBytes, long actualBytes, String reason) {
        ObjectNode failure = failure();
        failure.put("maximumAllowedSizeBytes", clampSize(maxBytes));
        failure.put("actualSizeBytes", clampSize(actualBytes));
        failure.put("expectation", Messages.cut("oversized collector payload: " + reason, Messages.EXPECTATION_MAX));
        String text = Json.write(collectorPayloadJson(payload));
        int keep = (int) Math.min(Integer.MAX_VALUE, Math.max(0, maxBytes / 10));
        ObjectNode data = data(failure);
        data.put("payload", Messages.cut(text, keep));
        return row(BadRowType.SIZE_VIOLATION, data);
    }

    /**
     * A {@code collector_payload_format_violation}: the payload itself cannot be read. The bad row's payload is the
     * base64 of the collector payload's JSON form (this implementation keeps no Thrift bytes).
     *
     * @param message {@code {error}} or {@code {payloadField, value, expectation}}
     */
    public BadRow collectorPayloadFormatViolation(CollectorPayload payload, ObjectNode message) {
        byte[] json = Json.write(collectorPayloadJson(payload)).getBytes(StandardCharsets.UTF_8);
        return collectorPayloadFormatViolation(Base64.getEncoder().encodeToString(json), message);
    }

    /** A {@code collector_payload_format_violation} with a given payload text. */
    BadRow collectorPayloadFormatViolation(String payloadText, ObjectNode message) {
        ObjectNode failure = failure();
        failure.put("loader", "thrift");
        failure.set("message", message);
        ObjectNode data = data(failure);
        data.put("payload", payloadText);
        return row(BadRowType.COLLECTOR_PAYLOAD_FORMAT_VIOLATION, data);
    }

    /** An {@code adapter_failures} row: no adapter understands the request, or the adapter rejected it. */
    public BadRow adapterFailures(CollectorPayload payload, List<ObjectNode> messages) {
        return requestFailure(BadRowType.ADAPTER_FAILURES, payload, messages);
    }

    /** A {@code tracker_protocol_violations} row: a tracker-protocol request is malformed as a whole. */
    public BadRow trackerProtocolViolations(CollectorPayload payload, List<ObjectNode> messages) {
        return requestFailure(BadRowType.TRACKER_PROTOCOL_VIOLATIONS, payload, messages);
    }

    /** A {@code schema_violations} row for one event: parse errors, invalid or unknown self-describing JSON. */
    public BadRow schemaViolations(RawEvent raw, EnrichedEvent partial, List<ObjectNode> messages) {
        ObjectNode failure = failure();
        failure.set("messages", array(messages));
        return row(BadRowType.SCHEMA_VIOLATIONS, eventData(failure, raw, partial));
    }

    /**
     * An {@code enrichment_failures} row for one event.
     *
     * @param messages {@code {enrichment, message}} objects
     */
    public BadRow enrichmentFailures(RawEvent raw, EnrichedEvent partial, List<ObjectNode> messages) {
        ObjectNode failure = failure();
        failure.set("messages", array(messages));
        return row(BadRowType.ENRICHMENT_FAILURES, eventData(failure, raw, partial));
    }

    private BadRow requestFailure(BadRowType type, CollectorPayload payload, List<ObjectNode> messages) {
        ObjectNode failure = failure();
        failure.put("vendor", Messages.cut(payload.vendor(), VENDOR_MAX));
        failure.put("version", Messages.cut(payload.version(), VERSION_MAX));
        failure.set("messages", array(messages));
        ObjectNode data = data(failure);
        data.set("payload", collectorPayloadJson(payload));
        return row(type, data);
    }

    private ObjectNode eventData(ObjectNode failure, RawEvent raw, EnrichedEvent partial) {
        ObjectNode payload = Json.NODES.objectNode();
        payload.set("enriched", EnrichedJson.toBadRowJson(partial));
        payload.set("raw", rawEventJson(raw));
        ObjectNode data = data(failure);
        data.set("payload", payload);
        return data;
    }

    private ObjectNode failure() {
        ObjectNode failure = Json.NODES.objectNode();
        failure.put("timestamp", iso(clock.instant()));
        return failure;
    }

    private ObjectNode data(ObjectNode failure) {
        ObjectNode processor = Json.NODES.objectNode();
        processor.put("artifact", artifact);
        processor.put("version", version);
        ObjectNode data = Json.NODES.objectNode();
        data.set("processor", processor);
        data.set("failure", failure);
        return data;
    }

    private static BadRow row(BadRowType type, ObjectNode data) {
        ObjectNode json = Json.NODES.objectNode();
        json.put("schema", type.schema().toUri());
        json.set("data", data);
        return new BadRow(type, json);
    }

    private static ArrayNode array(List<ObjectNode> messages) {
        ArrayNode array = Json.NODES.arrayNode();
        messages.forEach(array::add);
        return array;
    }

    /** The collector payload object of adapter and tracker-protocol bad rows. */
    static ObjectNode collectorPayloadJson(CollectorPayload payload) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("vendor", Messages.cut(payload.vendor(), VENDOR_MAX));
        node.put("version", Messages.cut(payload.version(), VERSION_MAX));
        ArrayNode querystring = node.putArray("querystring");
        for (QueryString.Pair pair : QueryString.pairs(payload.querystring())) {
            querystring.add(nameValue(pair.name(), pair.value()));
        }
        node.put("contentType", Messages.cut(payload.contentType(), CONTENT_TYPE_MAX));
        node.put("body", payload.body());
        node.put("collector", Messages.cut(payload.collector(), COLLECTOR_MAX));
        node.put("encoding", "UTF-8");
        putContext(node, payload);
        node.put("networkUserId", Uuids.isUuid(payload.networkUserId()) ? payload.networkUserId() : null);
        return node;
    }

    /** The {@code raw} object of schema-violation and enrichment-failure bad rows. */
    static ObjectNode rawEventJson(RawEvent raw) {
        CollectorPayload source = raw.source();
        ObjectNode node = Json.NODES.objectNode();
        node.put("vendor", Messages.cut(source.vendor(), VENDOR_MAX));
        node.put("version", Messages.cut(source.version(), VERSION_MAX));
        ArrayNode parameters = node.putArray("parameters");
        for (Map.Entry<String, String> parameter : raw.parameters().entrySet()) {
            parameters.add(nameValue(parameter.getKey(), parameter.getValue()));
        }
        node.put("contentType", Messages.cut(source.contentType(), CONTENT_TYPE_MAX));
        node.put("loaderName", Messages.cut(source.collector(), COLLECTOR_MAX));
        node.put("encoding", "UTF-8");
        putContext(node, source);
        node.put("userId", Uuids.isUuid(source.networkUserId()) ? source.networkUserId() : null);
        return node;
    }

    private static void putContext(ObjectNode node, CollectorPayload payload) {
        node.put("hostname", Messages.cut(payload.hostname(), LONG_TEXT_MAX));
        node.put("timestamp", iso(payload.timestamp()));
        node.put("ipAddress", Messages.cut(payload.ipAddress(), IP_MAX));
        node.put("useragent", Messages.cut(payload.userAgent(), USERAGENT_MAX));
        node.put("refererUri", Messages.cut(payload.refererUri(), LONG_TEXT_MAX));
        ArrayNode headers = node.putArray("headers");
        for (String header : payload.headers()) {
            headers.add(Messages.cut(header, LONG_TEXT_MAX));
        }
    }

    private static ObjectNode nameValue(String name, String value) {
        ObjectNode pair = Json.NODES.objectNode();
        pair.put("name", Messages.cut(name, NAME_VALUE_MAX));
        pair.put("value", Messages.cut(value, NAME_VALUE_MAX));
        return pair;
    }

    private static long clampSize(long bytes) {
        return Math.max(0, Math.min(SIZE_MAX, bytes));
    }

    /** ISO-8601 with millisecond precision, as {@link Instant#toString()} writes it. */
    static String iso(Instant instant) {
        try {
            return Instant.ofEpochMilli(instant.toEpochMilli()).toString();
        } catch (ArithmeticException e) {
            return instant.toString();
        }
    }
}
