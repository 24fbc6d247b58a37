package io.signalbox.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import io.signalbox.events.SelfDescribingData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the self-describing event ({@code ue_pr} / base64 {@code ue_px}) and the entities ({@code co} / base64
 * {@code cx}) of a raw event, checks their wrappers ({@code unstruct_event} and {@code contexts} 1-0-*) and
 * validates the event and every entity against its own schema.
 *
 * <p>Any problem is added to the event's schema-violation messages; what could be read is still returned, so the
 * bad row's partial event shows it. An empty value counts as absent. Entity texts that validated are cached for a
 * minute, since every event of a page view repeats them.
 */
final class SelfDescribingInputs {
    static final String UNSTRUCT_CRITERION = "iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-*";
    static final String CONTEXTS_CRITERION = "iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-*";

    private static final String SNOWPLOW = "com.snowplowanalytics.snowplow";
    private static final SchemaKey UNSTRUCT_1_0_0 = SchemaKey.of(SNOWPLOW, "unstruct_event", "1-0-0");
    private static final SchemaKey CONTEXTS_1_0_0 = SchemaKey.of(SNOWPLOW, "contexts", "1-0-0");
    private static final SchemaKey CONTEXTS_1_0_1 = SchemaKey.of(SNOWPLOW, "contexts", "1-0-1");

    private static final int MAX_CACHED_CONTEXTS_LENGTH = 2048;

    private final IgluResolver resolver;
    private final Cache<String, Entities> validContexts;

    SelfDescribingInputs(IgluResolver resolver) {
        this.resolver = resolver;
        this.validContexts = Caffeine.newBuilder()
                .maximumSize(4096)
                .expireAfterWrite(Duration.ofMinutes(1))
                .build();
    }

    /**
     * What was read.
     *
     * @param event the self-describing event, or {@code null}
     * @param entities the entities the tracker sent, in order
     * @param contextsJson the entities as the enriched event's {@code contexts} column ({@code contexts} 1-0-1), or
     *     {@code null} when there are none
     */
    record Inputs(SelfDescribingData event, List<SelfDescribingData> entities, String contextsJson) {}

    /** Valid entities with their {@code contexts} column text. */
    private record Entities(List<SelfDescribingData> list, String json) {
        static final Entities NONE = new Entities(List.of(), null);

        static Entities of(List<SelfDescribingData> list) {
            return list.isEmpty()
                    ? NONE
                    : new Entities(List.copyOf(list), Json.write(SelfDescribingData.wrapContexts(list)));
        }
    }

    /** Reads, checks and validates; problems are appended to {@code errors}. */
    Inputs read(Map<String, String> parameters, List<ObjectNode> errors) {
        SelfDescribingData event = null;
        Text unstruct = text(parameters, "ue_pr", "ue_px");
        if (unstruct != null) {
            event = parse(unstruct, errors)
                    .map(source -> readEvent(source, errors))
                    .orElse(null);
        }
        Text contexts = text(parameters, "co", "cx");
        Entities entities = contexts == null ? Entities.NONE : entities(contexts, errors);
        return new Inputs(event, entities.list(), entities.json());
    }

    /** The text of one parameter (base64-decoded when needed), with the parameter's name. */
    private record Text(String parameter, String text) {}

    /** The parsed JSON of one parameter, with the parameter's name. */
    private record Source(String parameter, JsonNode json) {}

    private static Text text(Map<String, String> parameters, String plain, String base64) {
        String text = parameters.get(plain);
        if (text != null && !text.isEmpty()) {
            return new Text(plain, text);
        }
        String encoded = parameters.get(base64);
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        return new Text(base64, Base64Lenient.decodeToString(encoded));
    }

    private static Optional<Source> parse(Text text, List<ObjectNode> errors) {
        try {
            return Optional.of(new Source(text.parameter(), Json.parse(text.text())));
        } catch (JacksonException e) {
            errors.add(Messages.fieldError(
                    text.parameter(), text.text(), "invalid JSON: " + firstLine(e.getOriginalMessage())));
            return Optional.empty();
        }
    }

    /**
     * The entities of a {@code co}/{@code cx} text. Every event of a page view carries the same entities, so valid
     * texts are remembered for a short while and a repeated text skips parsing and validation.
     */
    private Entities entities(Text text, List<ObjectNode> errors) {
        boolean cacheable = text.text().length() <= MAX_CACHED_CONTEXTS_LENGTH;
        Entities cached = cacheable ? validContexts.getIfPresent(text.text()) : null;
        if (cached != null) {
            return cached;
        }
        int errorsBefore = errors.size();
        Entities entities = Entities.of(
                parse(text, errors).map(source -> readEntities(source, errors)).orElse(List.of()));
        if (cacheable && errors.size() == errorsBefore) {
            validContexts.put(text.text(), entities);
        }
        return entities;
    }

    private SelfDescribingData readEvent(Source source, List<ObjectNode> errors) {
        Optional<SelfDescribingData> wrapper = wrapper(source, "unstruct_event", UNSTRUCT_CRITERION, errors);
        if (wrapper.isEmpty() || !wrapperValid(wrapper.get(), errors)) {
            return null;
        }
        return inner(wrapper.get().data(), errors);
    }

    private List<SelfDescribingData> readEntities(Source source, List<ObjectNode> errors) {
        Optional<SelfDescribingData> wrapper = wrapper(source, "contexts", CONTEXTS_CRITERION, errors);
        if (wrapper.isEmpty() || !wrapperValid(wrapper.get(), errors)) {
            return List.of();
        }
        List<SelfDescribingData> entities = new ArrayList<>(wrapper.get().data().size());
        for (JsonNode item : wrapper.get().data()) {
            SelfDescribingData entity = inner(item, errors);
            if (entity != null) {
                entities.add(entity);
            }
        }
        return entities;
    }

    private static Optional<SelfDescribingData> wrapper(
            Source source, String name, String criterion, List<ObjectNode> errors) {
        switch (Sdj.read(source.json())) {
            case Sdj.Invalid invalid -> {
                errors.add(Messages.notSelfDescribing(source.json(), invalid.problem()));
                return Optional.empty();
            }
            case Sdj.Valid valid -> {
                SchemaKey key = valid.sdj().schema();
                if (!key.format().equals("jsonschema") || !key.sameModelAs(SNOWPLOW, name, 1)) {
                    errors.add(Messages.criterionMismatch(key.toUri(), criterion));
                    return Optional.empty();
                }
                return Optional.of(valid.sdj());
            }
        }
    }

    /** Checks a wrapper's data against the wrapper schema: a fast check first, the schema validator on failure. */
    private boolean wrapperValid(SelfDescribingData wrapper, List<ObjectNode> errors) {
        SchemaKey key = wrapper.schema();
        if (fastWrapperCheck(key, wrapper.data())) {
            return true;
        }
        Optional<ObjectNode> error = resolver.validate(key, wrapper.data());
        error.ifPresent(problem -> errors.add(Messages.igluError(key.toUri(), problem)));
        return error.isEmpty();
    }

    private static boolean fastWrapperCheck(SchemaKey key, JsonNode data) {
        if (key.equals(UNSTRUCT_1_0_0)) {
            return isPlainSdj(data);
        }
        if (key.equals(CONTEXTS_1_0_0) || key.equals(CONTEXTS_1_0_1)) {
            if (!data.isArray() || key.equals(CONTEXTS_1_0_0) && data.isEmpty()) {
                return false;
            }
            for (JsonNode item : data) {
                if (!isPlainSdj(item)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** An object with exactly a valid Iglu URI {@code schema} and a {@code data}. */
    private static boolean isPlainSdj(JsonNode node) {
        if (!node.isObject() || node.size() != 2 || !node.has("data")) {
            return false;
        }
        JsonNode schema = node.get("schema");
        if (schema == null || !schema.isString()) {
            return false;
        }
        return IgluUris.parse(schema.stringValue()) != null;
    }

    private SelfDescribingData inner(JsonNode json, List<ObjectNode> errors) {
        return switch (Sdj.read(json)) {
            case Sdj.Invalid invalid -> {
                errors.add(Messages.notSelfDescribing(json, invalid.problem()));
                yield null;
            }
            case Sdj.Valid valid -> {
                SchemaKey key = valid.sdj().schema();
                Optional<ObjectNode> error = resolver.validate(key, valid.sdj().data());
                error.ifPresent(problem -> errors.add(Messages.igluError(key.toUri(), problem)));
                yield error.isEmpty() ? valid.sdj() : null;
            }
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        Iterator<String> lines = message.lines().iterator();
        return lines.hasNext() ? Messages.cut(lines.next(), 300) : "unreadable";
    }
}
