package io.signalbox.attributes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads attribute keys, attribute groups, services and rule interventions from JSON or YAML, in the shapes of the
 * Signals API, and checks them.
 *
 * <h2>Definition documents</h2>
 *
 * A definition file (such as {@code definitions/prospect_scoring.json}) is one JSON or YAML document, an object with
 * up to four arrays; any may be missing, and other top-level fields are ignored:
 *
 * <pre>{@code
 * {
 *   "attribute_keys":   [ {"name": "tier", "property": {"type": "entity", ...}, "ttl": "P365D"} ],
 *   "attribute_groups": [ {"name": "web_user", "version": 1, "attribute_key": {"name": "domain_userid"},
 *                          "attributes": [ {"name": "page_views_10m", "type": "int32", "aggregation": "counter",
 *                                           "events": [{"name": "page_view"}], "period": "PT10M"} ]} ],
 *   "services":         [ {"name": "web", "attribute_groups": [{"name": "web_user", "version": 1}]} ],
 *   "interventions":    [ {"name": "nudge", "criteria": {"attribute": "web_user:page_views_10m",
 *                                                        "operator": ">=", "value": 3}} ]
 * }
 * }</pre>
 *
 * Each item has the shape the Signals API accepts for that kind (see {@code shared/reference/signals-api.md} §3).
 * Text that starts with <code>{</code> or {@code [} is read as JSON, anything else as YAML. A group's {@code
 * attribute_key} names a key of the same document, a built-in key ({@code domain_userid}, {@code domain_sessionid},
 * {@code network_userid}, {@code user_id}, aliases {@code user} and {@code session}) or carries its own {@code
 * property}; see {@link Definitions#resolveKey}.
 *
 * <h2>Checks</h2>
 *
 * Names match {@code ^[A-Za-z0-9_]+$} with 1 to 128 characters; versions are 1 to 1,000,000; durations are ISO-8601
 * as Pydantic reads them ({@link IsoDurations}) or numbers of seconds, and must be positive. Each attribute's type
 * must suit its aggregation ({@code sum}/{@code min}/{@code max}/{@code mean}/{@code counter} numeric, {@code
 * unique_list} a list type, {@code category_count} {@code dict}, {@code time_since_*} {@code double} or {@code
 * float} with a {@code time_unit}); {@code counter} takes no property; {@code ttl} cannot be combined with {@code
 * period}; {@code date_part} only works on date-time properties and with the aggregations that allow it; each
 * criteria list holds 1 to 100 items and each criterion's value suits its operator ({@code like} a string, {@code
 * rlike} a valid regular expression, {@code in} a list or a scalar). Unknown fields are ignored, so newer clients
 * can send more; known fields must have the right type.
 *
 * <p>Every problem found is reported in one {@link DefinitionException}, each naming the definition, the field and
 * the value: {@code attribute group 'web_user' v2: attributes[1].period must be positive, was PT0S}. Text over 1 MiB
 * is refused.
 */
public final class DefinitionParser {
    /** The largest definition text accepted, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 1 << 20;

    private static final int MAX_NESTING_DEPTH = 200;

    private static final ObjectMapper JSON = JsonMapper.builder(
                    JsonFactory.builder().streamReadConstraints(constraints()).build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private static final ObjectMapper YAML = YAMLMapper.builder(
                    YAMLFactory.builder().streamReadConstraints(constraints()).build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private DefinitionParser() {}

    private static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_TEXT_BYTES)
                .build();
    }

    /**
     * Reads a definition document (JSON or YAML).
     *
     * @throws DefinitionException listing every problem found
     */
    public static Definitions parseDocument(String text) {
        return parseDocument(readTree(text));
    }

    /**
     * Reads a definition document from its tree.
     *
     * @throws DefinitionException listing every problem found
     */
    public static Definitions parseDocument(JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new DefinitionException("definitions: the document must be an object with attribute_keys, "
                    + "attribute_groups, services and interventions arrays, was " + DefinitionReader.show(root));
        }
        List<AttributeKeyDefinition> keys =
                items(root, "attribute_keys", "attribute key", false, problems, (r, n) -> r.key(n, ""));
        List<AttributeGroupDefinition> groups =
                items(root, "attribute_groups", "attribute group", true, problems, DefinitionReader::group);
        List<ServiceDefinition> services =
                items(root, "services", "service", false, problems, DefinitionReader::service);
        List<InterventionDefinition> interventions =
                items(root, "interventions", "intervention", true, problems, DefinitionReader::intervention);
        checkUnique(keys, AttributeKeyDefinition::name, "attribute key", problems);
        checkUnique(groups, AttributeGroupDefinition::describe, "", problems);
        checkUnique(services, ServiceDefinition::name, "service", problems);
        checkUnique(interventions, InterventionDefinition::describe, "", problems);
        if (!problems.isEmpty()) {
            throw new DefinitionException(problems);
        }
        return new Definitions(keys, groups, services, interventions);
    }

    /**
     * Reads one attribute group, as the registry API receives it.
     *
     * @throws DefinitionException listing every problem found
     */
    public static AttributeGroupDefinition parseAttributeGroup(JsonNode node) {
        return one(node, "attribute group", true, DefinitionReader::group);
    }

    /**
     * Reads one attribute key.
     *
     * @throws DefinitionException listing every problem found
     */
    public static AttributeKeyDefinition parseAttributeKey(JsonNode node) {
        return one(node, "attribute key", false, (reader, n) -> reader.key(n, ""));
    }

    /**
     * Reads one service.
     *
     * @throws DefinitionException listing every problem found
     */
    public static ServiceDefinition parseService(JsonNode node) {
        return one(node, "service", false, DefinitionReader::service);
    }

    /**
     * Reads one rule intervention.
     *
     * @throws DefinitionException listing every problem found
     */
    public static InterventionDefinition parseIntervention(JsonNode node) {
        return one(node, "intervention", true, DefinitionReader::intervention);
    }

    /**
     * Reads JSON or YAML text into a tree: JSON when it starts with <code>{</code> or {@code [}, YAML otherwise.
     * Duplicate keys are refused.
     *
     * @throws DefinitionException when the text is over {@link #MAX_TEXT_BYTES} or cannot be read
     */
    public static JsonNode readTree(String text) {
        if (text.length() > MAX_TEXT_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw new DefinitionException("definitions: the text is larger than the limit of " + MAX_TEXT_BYTES
                    + " bytes, was " + text.getBytes(StandardCharsets.UTF_8).length + " bytes");
        }
        String trimmed = text.stripLeading();
        boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
        try {
            JsonNode node = (json ? JSON : YAML).readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new DefinitionException("definitions: the text is empty");
            }
            return node;
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            throw new DefinitionException("definitions: not valid " + (json ? "JSON" : "YAML") + ": " + message);
        }
    }

    private interface ItemReader<T> {
        T read(DefinitionReader reader, JsonNode node);
    }

    private static <T> T one(JsonNode node, String kind, boolean versioned, ItemReader<T> itemReader) {
        List<String> problems = new ArrayList<>();
        DefinitionReader reader = new DefinitionReader(DefinitionReader.subject(kind, node, null, versioned), problems);
        T item = itemReader.read(reader, node);
        if (!problems.isEmpty() || item == null) {
            throw new DefinitionException(problems.isEmpty() ? List.of(kind + ": could not be read") : problems);
        }
        return item;
    }

    private static <T> List<T> items(
            JsonNode root,
            String field,
            String kind,
            boolean versioned,
            List<String> problems,
            ItemReader<T> itemReader) {
        JsonNode array = root.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            problems.add("definitions: " + field + " must be an array, was " + DefinitionReader.show(array));
            return List.of();
        }
        List<T> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String subject = DefinitionReader.subject(kind, node, field + "[" + i + "]", versioned);
            int before = problems.size();
            T item = itemReader.read(new DefinitionReader(subject, problems), node);
            if (item != null && problems.size() == before) {
                items.add(item);
            }
        }
        return items;
    }

    private static <T> void checkUnique(
            List<T> items, Function<T, String> identity, String kind, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String id = identity.apply(item);
            String label = kind.isEmpty() ? id : kind + " '" + id + "'";
            if (!seen.add(id)) {
                problems.add(label + ": is defined twice in the document");
            }
        }
    }
}
