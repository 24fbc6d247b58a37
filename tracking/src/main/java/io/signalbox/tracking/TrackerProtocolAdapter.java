package io.signalbox.tracking;

import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import io.signalbox.events.SelfDescribingData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Splits a collector payload into raw events (parameter maps) following the tracker protocol, or rejects it with an
 * {@code adapter_failures} or {@code tracker_protocol_violations} bad row describing the whole request.
 *
 * <ul>
 *   <li>{@code com.snowplowanalytics.snowplow/tp1} ({@code GET /i}): one event from the query string.
 *   <li>{@code com.snowplowanalytics.snowplow/tp2}: a {@code payload_data} JSON body, with query-string parameters
 *       merged into every event (and winning); or, without a body, one event from the query string.
 *   <li>{@code r/tp2}: a click redirect, turned into a {@code uri_redirect} event or entity.
 * </ul>
 *
 * <p>Thread-safe.
 */
final class TrackerProtocolAdapter {
    static final String SNOWPLOW = "com.snowplowanalytics.snowplow";
    static final String PAYLOAD_DATA_CRITERION = "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-*";
    static final String CONTENT_TYPE_EXPECTATION =
            "expected one of application/json, application/json; charset=utf-8, application/json; charset=UTF-8";

    private static final SchemaKey URI_REDIRECT = SchemaKey.of(SNOWPLOW, "uri_redirect", "1-0-0");
    private static final SchemaKey CONTEXTS_1_0_0 = SchemaKey.of(SNOWPLOW, "contexts", "1-0-0");

    private final IgluResolver resolver;
    private final BadRows badRows;
    private final Map<SchemaKey, PayloadDataCheck> checks = new ConcurrentHashMap<>();

    TrackerProtocolAdapter(IgluResolver resolver, BadRows badRows) {
        this.resolver = resolver;
        this.badRows = badRows;
    }

    /** The adapter's verdict on a payload. */
    sealed interface Adapted {}

    /** The events of the payload, as parameter maps in request order. */
    record Events(List<Map<String, String>> events) implements Adapted {}

    /** The payload as a whole is rejected. */
    record Rejected(BadRow row) implements Adapted {}

    /** Splits the payload into events or rejects it. */
    Adapted adapt(CollectorPayload payload) {
        String route = payload.vendor() + "/" + payload.version();
        return switch (route) {
            case SNOWPLOW + "/tp1" -> pixel(payload);
            case SNOWPLOW + "/tp2" -> trackerProtocol2(payload);
            case "r/tp2" -> redirect(payload);
            default ->
                adapterFailure(
                        payload,
                        Messages.fieldExpectation(
                                "vendor/version",
                                route,
                                "a supported vendor/version: " + SNOWPLOW + "/tp1, " + SNOWPLOW + "/tp2 or r/tp2"));
        };
    }

    private Adapted pixel(CollectorPayload payload) {
        Map<String, String> query = QueryString.toMap(payload.querystring());
        if (query.isEmpty()) {
            return adapterFailure(payload, Messages.fieldExpectation("querystring", null, "empty querystring"));
        }
        return new Events(List.of(query));
    }

    private Adapted trackerProtocol2(CollectorPayload payload) {
        Map<String, String> query = QueryString.toMap(payload.querystring());
        String body = payload.body();
        if (body == null || body.isEmpty()) {
            if (query.isEmpty()) {
                return violation(
                        payload,
                        Messages.fieldExpectation(
                                "body", null, "empty body and empty querystring: not a tracker-protocol event"));
            }
            return new Events(List.of(query));
        }
        if (normaliseContentType(payload.contentType()) == null) {
            return violation(
                    payload, Messages.fieldExpectation("contentType", payload.contentType(), CONTENT_TYPE_EXPECTATION));
        }
        return postBody(payload, body, query);
    }

    private Adapted postBody(CollectorPayload payload, String body, Map<String, String> query) {
        List<Map<String, String>> plain = plainEvents(body);
        if (plain != null) {
            plain.forEach(event -> event.putAll(query));
            return new Events(plain);
        }
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (JacksonException e) {
            String reason = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
            return violation(payload, Messages.fieldError("body", body, "invalid JSON: " + firstLine(reason)));
        }
        SelfDescribingData envelope;
        switch (Sdj.read(json)) {
            case Sdj.Invalid invalid -> {
                return violation(payload, Messages.notSelfDescribing(json, invalid.problem()));
            }
            case Sdj.Valid valid -> envelope = valid.sdj();
        }
        SchemaKey key = envelope.schema();
        if (!key.format().equals("jsonschema") || !key.sameModelAs(SNOWPLOW, "payload_data", 1)) {
            return violation(payload, Messages.criterionMismatch(key.toUri(), PAYLOAD_DATA_CRITERION));
        }
        Optional<ObjectNode> problem = checkPayloadData(key, envelope.data());
        if (problem.isPresent()) {
            return violation(payload, Messages.igluError(key.toUri(), problem.get()));
        }
        return toEvents(payload, envelope.data(), query);
    }

    /**
     * The events of a body of the common shape that passes its payload_data schema, read without a JSON tree; {@code
     * null} when the general path must decide.
     */
    private List<Map<String, String>> plainEvents(String body) {
        PayloadDataReader.Plain plain = PayloadDataReader.read(body);
        if (plain == null) {
            return null;
        }
        SchemaKey key = IgluUris.parse(plain.schema());
        if (key == null || !key.format().equals("jsonschema") || !key.sameModelAs(SNOWPLOW, "payload_data", 1)) {
            return null;
        }
        Optional<Resolution.Found> found = resolver.found(key);
        if (found.isEmpty()) {
            return null;
        }
        PayloadDataCheck check = checks.computeIfAbsent(
                key, unused -> PayloadDataCheck.fromSchema(found.get().json()));
        return check.acceptsMaps(plain.events()) ? plain.events() : null;
    }

    /** Empty when the data is a valid payload_data array, else the Iglu error. */
    private Optional<ObjectNode> checkPayloadData(SchemaKey key, JsonNode data) {
        Optional<Resolution.Found> found = resolver.found(key);
        if (found.isEmpty()) {
            return resolver.validate(key, data);
        }
        PayloadDataCheck check = checks.computeIfAbsent(
                key, unused -> PayloadDataCheck.fromSchema(found.get().json()));
        return check.accepts(data) ? Optional.empty() : found.get().validate(data);
    }

    private Adapted toEvents(CollectorPayload payload, JsonNode data, Map<String, String> query) {
        if (!data.isArray() || data.isEmpty()) {
            return violation(payload, Messages.fieldExpectation("data", null, "a non-empty array of events"));
        }
        List<ObjectNode> problems = new ArrayList<>(0);
        List<Map<String, String>> events = new ArrayList<>(data.size());
        for (JsonNode item : data) {
            Map<String, String> event = new LinkedHashMap<>(32);
            for (Map.Entry<String, JsonNode> field : item.properties()) {
                JsonNode value = field.getValue();
                if (value.isString()) {
                    event.put(field.getKey(), value.stringValue());
                } else {
                    problems.add(Messages.fieldExpectation(
                            field.getKey(),
                            value.isNull() ? null : value.toString(),
                            value.isNull() ? "value cannot be null" : "value is not a string"));
                }
            }
            event.putAll(query);
            events.add(event);
        }
        return problems.isEmpty()
                ? new Events(events)
                : new Rejected(badRows.trackerProtocolViolations(payload, problems));
    }

    private Adapted redirect(CollectorPayload payload) {
        Map<String, String> query = QueryString.toMap(payload.querystring());
        String target = query.remove("u");
        if (target == null || target.isEmpty()) {
            return adapterFailure(payload, Messages.fieldExpectation("u", null, "the redirect target URL in u"));
        }
        query.put("tv", "r-tp2");
        query.putIfAbsent("p", "web");
        ObjectNode redirect =
                new SelfDescribingData(URI_REDIRECT, Json.NODES.objectNode().put("uri", target)).toJson();
        if (!query.containsKey("e")) {
            query.put("e", "ue");
            query.put(
                    "ue_pr",
                    Json.write(new SelfDescribingData(URI_REDIRECT, redirect.get("data")).wrapAsUnstructEvent()));
        } else {
            addEntity(query, redirect);
        }
        return new Events(List.of(query));
    }

    /** Appends an entity to the event's {@code co} or {@code cx}, keeping the encoding the tracker chose. */
    private static void addEntity(Map<String, String> query, ObjectNode entity) {
        boolean base64 = !query.containsKey("co") && query.containsKey("cx");
        String existing = base64 ? Base64Lenient.decodeToString(query.get("cx")) : query.get("co");
        ObjectNode contexts;
        if (existing == null || existing.isEmpty()) {
            contexts = SelfDescribingData.wrapContexts(List.of(), CONTEXTS_1_0_0);
        } else {
            try {
                JsonNode parsed = Json.parse(existing);
                if (!parsed.isObject() || !parsed.path("data").isArray()) {
                    return;
                }
                contexts = (ObjectNode) parsed;
            } catch (JacksonException e) {
                return;
            }
        }
        ((ArrayNode) contexts.get("data")).add(entity);
        String text = Json.write(contexts);
        if (base64) {
            query.put("cx", Base64Lenient.encode(text));
        } else {
            query.put("co", text);
        }
    }

    private Adapted adapterFailure(CollectorPayload payload, ObjectNode message) {
        return new Rejected(badRows.adapterFailures(payload, List.of(message)));
    }

    private Adapted violation(CollectorPayload payload, ObjectNode message) {
        return new Rejected(badRows.trackerProtocolViolations(payload, List.of(message)));
    }

    /**
     * The accepted form of a JSON content type ({@code application/json} or {@code application/json;
     * charset=utf-8}, compared without regard to case and spacing), or {@code null} when it is not accepted.
     */
    static String normaliseContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return null;
        }
        if (parts.length == 1) {
            return "application/json";
        }
        if (parts.length != 2) {
            return null;
        }
        String parameter = parts[1].strip();
        int equals = parameter.indexOf('=');
        if (equals < 0 || !parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
            return null;
        }
        String charset = parameter.substring(equals + 1).strip().replace("\"", "");
        return charset.equalsIgnoreCase("utf-8") ? "application/json; charset=utf-8" : null;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return Messages.cut(newline < 0 ? message : message.substring(0, newline), 300);
    }
}
