package io.signalbox.api.serving;

import io.signalbox.api.ApiException;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.DefinitionWriter;
import io.signalbox.attributes.GroupRef;
import io.signalbox.attributes.ServiceDefinition;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.attributes.core.StateFormatException;
import io.signalbox.engine.profile.ProfileStore;
import io.signalbox.events.Json;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/get-online-attributes}: the current values of a service's attributes, or of a list of
 * attributes, for up to 100 identifiers of one attribute key.
 *
 * <p>Values are computed when read, from the stored aggregation state and the injected clock, so windows decay
 * without new events. The answer maps each column to an array with one entry per identifier in request order, the
 * attribute-key column first; what is unknown (an identifier without a profile, an expired profile) is {@code
 * null}. Column names are the bare attribute names, or {@code group_vN:attribute} with {@code
 * full_attribute_names}; when two groups of a service share a bare name, the first group's value is served.
 */
public final class OnlineAttributes {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineAttributes.class);
    /** The most identifiers in one request, as in Signals. */
    public static final int MAX_IDENTIFIERS = 100;

    private static final int MAX_ATTRIBUTES = 1_000;
    private static final int MAX_IDENTIFIER_CHARS = 512;
    private static final Pattern QUALIFIED = Pattern.compile("([A-Za-z0-9_]+)_v([0-9]+):([A-Za-z0-9_]+)");
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_]{1,128}");

    private final ServingView view;
    private final ProfileStore profiles;
    private final InstantSource clock;

    public OnlineAttributes(ServingView view, ProfileStore profiles, InstantSource clock) {
        this.view = view;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** One attribute to serve: its group and name, and the column it is served under. */
    private record Column(CompiledGroup group, String attribute, String name) {}

    /** Answers a request body; throws {@link ApiException} for anything the caller must fix. */
    public ObjectNode answer(JsonNode request) {
        if (!request.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        String keyName = keyName(request);
        List<String> ids = identifiers(request, keyName);
        boolean fullNames = flag(request, "full_attribute_names");
        List<Column> columns = request.has("service") && !request.get("service").isNull()
                ? serviceColumns(request, keyName, fullNames)
                : listColumns(request, keyName, fullNames);
        return read(keyName, ids, columns);
    }

    /** Values of every attribute of one group for one identifier as of now: what /predict and rules need. */
    public Map<String, Object> groupValues(String groupFullName, String id) {
        CompiledGroup group = view.group(groupFullName);
        if (group == null) {
            throw ApiException.notFound("attribute group " + groupFullName + " does not exist");
        }
        Instant now = clock.instant();
        return group.servedValues(decode(group, profiles.get(groupFullName, id)), now);
    }

    // ---- request ----

    private static String keyName(JsonNode request) {
        JsonNode keys = request.get("attribute_keys");
        if (keys == null || !keys.isObject() || keys.size() != 1) {
            throw ApiException.badRequest("attribute_keys must be an object with exactly one attribute key, such as "
                    + "{\"domain_userid\": [\"…\"]}");
        }
        return keys.propertyNames().iterator().next();
    }

    private static List<String> identifiers(JsonNode request, String keyName) {
        JsonNode list = request.get("attribute_keys").get(keyName);
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_IDENTIFIERS) {
            throw ApiException.badRequest(
                    "attribute_keys." + keyName + " must be a list of 1 to " + MAX_IDENTIFIERS + " identifiers");
        }
        List<String> ids = new ArrayList<>(list.size());
        for (JsonNode id : list) {
            if (!id.isString() || id.stringValue().length() > MAX_IDENTIFIER_CHARS) {
                throw ApiException.badRequest("attribute_keys." + keyName + " must hold strings of at most "
                        + MAX_IDENTIFIER_CHARS + " characters, was " + shorten(id));
            }
            ids.add(id.stringValue());
        }
        return ids;
    }

    private static boolean flag(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false, was " + shorten(value));
        }
        return value.booleanValue();
    }

    private List<Column> serviceColumns(JsonNode request, String keyName, boolean fullNames) {
        if (request.has("attributes") && !request.get("attributes").isNull()) {
            throw ApiException.badRequest("give either service or attributes, not both");
        }
        JsonNode name = request.get("service");
        if (!name.isString()) {
            throw ApiException.badRequest("service must be a service name, was " + shorten(name));
        }
        ServiceDefinition service = view.service(name.stringValue());
        if (service == null) {
            throw ApiException.notFound("service '" + shorten(name.stringValue()) + "' does not exist");
        }
        List<Column> columns = new ArrayList<>();
        for (GroupRef ref : service.attributeGroups()) {
            CompiledGroup group = view.group(ref.name() + "_v" + ref.version());
            if (group == null) {
                continue;
            }
            for (String attribute : group.attributeNames()) {
                columns.add(new Column(group, attribute, columnName(group, attribute, fullNames)));
            }
        }
        return columns;
    }

    private List<Column> listColumns(JsonNode request, String keyName, boolean fullNames) {
        JsonNode list = request.get("attributes");
        if (list == null || list.isNull()) {
            throw ApiException.badRequest("give a service or a list of attributes");
        }
        if (list.isString()) {
            list = Json.NODES.arrayNode().add(list.stringValue());
        }
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_ATTRIBUTES) {
            throw ApiException.badRequest("attributes must be a list of 1 to " + MAX_ATTRIBUTES
                    + " names such as \"web_user_v2:page_views_10m\"");
        }
        List<Column> columns = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isString()) {
                throw ApiException.badRequest("attributes must hold strings, was " + shorten(item));
            }
            columns.add(resolve(item.stringValue(), keyName, fullNames));
        }
        return columns;
    }

    /** {@code group_vN:attr}, or a bare name that exactly one group of the key has. */
    private Column resolve(String name, String keyName, boolean fullNames) {
        var qualified = QUALIFIED.matcher(name);
        if (qualified.matches()) {
            String fullName = qualified.group(1) + "_v" + qualified.group(2);
            CompiledGroup group = view.group(fullName);
            if (group == null) {
                throw ApiException.notFound("attribute group " + fullName + " (in '" + name + "') does not exist");
            }
            String attribute = qualified.group(3);
            if (!group.attributeNames().contains(attribute)) {
                throw ApiException.notFound("attribute group " + fullName + " has no attribute '" + attribute + "'");
            }
            return new Column(group, attribute, columnName(group, attribute, fullNames));
        }
        if (!BARE.matcher(name).matches()) {
            throw ApiException.badRequest(
                    "attribute names look like group_vN:attribute, such as web_user_v2:page_views_10m, was '"
                            + shorten(name) + "'");
        }
        List<CompiledGroup> having = view.groups().stream()
                .filter(group -> group.definition().isPublished())
                .filter(group -> sameKey(group.attributeKey(), keyName))
                .filter(group -> group.attributeNames().contains(name))
                .toList();
        if (having.size() != 1) {
            throw ApiException.badRequest("attribute '" + name + "' is "
                    + (having.isEmpty() ? "in no published group" : "in " + having.size() + " published groups")
                    + " of key " + keyName + "; name it as group_vN:" + name);
        }
        return new Column(having.getFirst(), name, columnName(having.getFirst(), name, fullNames));
    }

    private static String columnName(CompiledGroup group, String attribute, boolean fullNames) {
        return fullNames ? group.definition().fullName() + ":" + attribute : attribute;
    }

    private static boolean sameKey(AttributeKeyDefinition key, String requested) {
        return canonical(key.name()).equals(canonical(requested));
    }

    private static String canonical(String keyName) {
        return switch (keyName) {
            case "user" -> "domain_userid";
            case "session" -> "domain_sessionid";
            default -> keyName;
        };
    }

    // ---- reading ----

    private ObjectNode read(String keyName, List<String> ids, List<Column> columns) {
        Instant now = clock.instant();
        Map<String, List<Object>> values = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> byGroup = new LinkedHashMap<>();
        for (Column column : columns) {
            String fullName = column.group().definition().fullName();
            List<Map<String, Object>> groupValues = byGroup.get(fullName);
            if (groupValues == null) {
                groupValues = sameKey(column.group().attributeKey(), keyName)
                        ? readGroup(column.group(), ids, now)
                        : nulls(ids.size());
                byGroup.put(fullName, groupValues);
            }
            if (values.containsKey(column.name())) {
                continue;
            }
            List<Object> row = new ArrayList<>(ids.size());
            for (Map<String, Object> profile : groupValues) {
                row.add(profile == null ? null : profile.get(column.attribute()));
            }
            values.put(column.name(), row);
        }
        ObjectNode answer = Json.NODES.objectNode();
        ArrayNode keyColumn = answer.putArray(keyName);
        ids.forEach(keyColumn::add);
        values.forEach((name, row) -> {
            if (!name.equals(keyName)) {
                ArrayNode array = answer.putArray(name);
                row.forEach(value -> array.add(DefinitionWriter.value(value)));
            }
        });
        return answer;
    }

    private List<Map<String, Object>> readGroup(CompiledGroup group, List<String> ids, Instant now) {
        Map<String, byte[]> stored = profiles.getAll(group.definition().fullName(), ids);
        List<Map<String, Object>> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(group.servedValues(decode(group, stored.get(id)), now));
        }
        return out;
    }

    /** The state, or null when there is none or it was written for another definition. */
    private static ProfileState decode(CompiledGroup group, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return group.decode(bytes);
        } catch (StateFormatException e) {
            LOG.debug("Unreadable profile of {}: {}", group.definition().fullName(), e.getMessage());
            return null;
        }
    }

    private static List<Map<String, Object>> nulls(int size) {
        List<Map<String, Object>> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(null);
        }
        return out;
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
