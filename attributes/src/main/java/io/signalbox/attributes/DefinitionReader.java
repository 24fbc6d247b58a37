package io.signalbox.attributes;

import io.signalbox.events.AtomicField;
import io.signalbox.events.FieldType;
import io.signalbox.events.Timestamps;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Reads one definition from a JSON tree and checks it, collecting every problem it finds. Each problem names the
 * definition ({@link #subject}), the field path and the value.
 */
final class DefinitionReader {
    static final int MAX_LIST_ITEMS = 100;
    static final int MAX_ATTRIBUTES = 1_000;
    static final int MAX_VALUE_ITEMS = 1_000;
    static final int MAX_CRITERIA_DEPTH = 32;
    static final int MAX_VERSION = 1_000_000;

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_]{1,128}$");
    private static final Pattern SELECTOR_VENDOR = Pattern.compile("^[a-zA-Z0-9\\-_.]+$");
    private static final Pattern SELECTOR_NAME = Pattern.compile("^[a-zA-Z0-9\\-_]+$");
    private static final Pattern SELECTOR_VERSION = Pattern.compile("^\\d+-\\d+-\\d+$");
    private static final Pattern QUALIFIED_ATTRIBUTE = Pattern.compile("^[A-Za-z0-9_]{1,128}:[A-Za-z0-9_]{1,128}$");
    private static final Object NOT_SCALAR = new Object();

    private final String subject;
    private final List<String> problems;

    DefinitionReader(String subject, List<String> problems) {
        this.subject = subject;
        this.problems = problems;
    }

    /** The subject of a definition: its kind, name and version when it has them, else where it was found. */
    static String subject(String kind, JsonNode node, String location, boolean versioned) {
        JsonNode name = node == null ? null : node.get("name");
        String label;
        if (name != null && name.isString()) {
            label = kind + " '" + name.stringValue() + "'";
        } else {
            label = kind + (location == null ? " (no name)" : " at " + location);
        }
        if (!versioned) {
            return label;
        }
        JsonNode version = node == null ? null : node.get("version");
        return label + " v" + (version != null && version.isIntegralNumber() ? version.asString() : "1");
    }

    // ---- definitions ------------------------------------------------------------------------------------------

    AttributeGroupDefinition group(JsonNode node) {
        if (!isObject(node, "")) {
            return null;
        }
        String name = name(node, "name");
        int version = version(node, "version");
        AttributeKeyDefinition key = null;
        JsonNode keyNode = node.get("attribute_key");
        if (keyNode == null || keyNode.isNull()) {
            problem("attribute_key", "is required", null);
        } else {
            key = key(keyNode, "attribute_key.");
        }
        JsonNode fields = passThrough(node, "fields");
        JsonNode batchSource = passThrough(node, "batch_source");
        boolean offline = bool(node, "offline", false);
        List<AttributeDefinition> attributes = attributes(node.get("attributes"), fields != null || offline);
        Duration ttl = positiveDuration(node, "ttl", "");
        boolean online = bool(node, "online", true);
        boolean published = bool(node, "is_published", false);
        Instant backfill = timestamp(node, "backfill_since_tstamp");
        String owner = string(node, "owner", "");
        String description = string(node, "description", "");
        if (name == null || key == null) {
            return null;
        }
        return new AttributeGroupDefinition(
                name,
                version,
                key,
                attributes,
                ttl,
                online,
                offline,
                published,
                backfill,
                owner,
                description,
                fields,
                batchSource);
    }

    private List<AttributeDefinition> attributes(JsonNode node, boolean batch) {
        if (node == null || node.isNull()) {
            if (!batch) {
                problem("attributes", "are required for a stream group", null);
            }
            return List.of();
        }
        if (!node.isArray()) {
            problem("attributes", "must be an array", node);
            return List.of();
        }
        if (node.isEmpty() && !batch) {
            problem("attributes", "must hold at least one attribute for a stream group, was", node);
        }
        if (node.size() > MAX_ATTRIBUTES) {
            problem("attributes", "must hold at most " + MAX_ATTRIBUTES + " attributes, has", node.size());
            return List.of();
        }
        List<AttributeDefinition> attributes = new ArrayList<>(node.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "attributes[" + i + "]";
            AttributeDefinition attribute = attribute(node.get(i), path + ".");
            if (attribute != null) {
                if (!names.add(attribute.name())) {
                    problem(path + ".name", "repeats another attribute's name, was", attribute.name());
                }
                attributes.add(attribute);
            }
        }
        return attributes;
    }

    AttributeDefinition attribute(JsonNode node, String path) {
        if (!isObject(node, path)) {
            return null;
        }
        String name = name(node, path + "name");
        AttributeType type = enumValue(node, path, "type", AttributeType::fromWireName, AttributeType.values());
        Aggregation aggregation = enumValue(node, path, "aggregation", Aggregation::fromWireName, Aggregation.values());
        List<EventSelector> events = events(node.get("events"), path + "events");
        Property property = optionalProperty(node.get("property"), path + "property");
        Criteria criteria = criteria(node.get("criteria"), path + "criteria");
        Duration period = positiveDuration(node, "period", path);
        Duration ttl = positiveDuration(node, "ttl", path);
        TimeUnit timeUnit = optionalEnum(node, path, "time_unit", TimeUnit::fromWireName, TimeUnit.values());
        String description = string(node, "description", path);
        Object defaultValue = null;
        if (type != null) {
            defaultValue = defaultValue(node.get("default_value"), type, path + "default_value");
        }
        boolean propertyUnreadable = property == null && node.hasNonNull("property");
        if (name == null || type == null || aggregation == null || propertyUnreadable) {
            return null;
        }
        AttributeDefinition attribute = new AttributeDefinition(
                name, type, aggregation, events, property, criteria, period, defaultValue, ttl, timeUnit, description);
        checkAttribute(attribute, path);
        return attribute;
    }

    private void checkAttribute(AttributeDefinition attribute, String path) {
        AttributeType type = attribute.type();
        Aggregation aggregation = attribute.aggregation();
        Property property = attribute.property();
        if (attribute.period() != null && attribute.ttl() != null) {
            problem(
                    path + "ttl",
                    "cannot be combined with a period; a window's values expire with it, was",
                    attribute.ttl());
        }
        if (attribute.timeUnit() != null && !aggregation.isTimeSince()) {
            problem(
                    path + "time_unit",
                    "is only for time_since_last and time_since_first, was",
                    attribute.timeUnit().wireName());
        }
        switch (aggregation) {
            case COUNTER -> {
                requireNoProperty(property, path, aggregation);
                requireType(type.isNumeric(), path, aggregation, "a numeric type", type);
            }
            case APPROX_COUNT_DISTINCT -> {
                requireProperty(property, path, aggregation);
                requireType(type.isNumeric(), path, aggregation, "a numeric type", type);
            }
            case SUM, MIN, MAX, MEAN -> {
                requireProperty(property, path, aggregation);
                requireType(type.isNumeric(), path, aggregation, "int32, int64, double or float", type);
                requireNumericSource(property, path, aggregation);
            }
            case FIRST, LAST, MOST_FREQUENT, LEAST_FREQUENT -> {
                requireProperty(property, path, aggregation);
                requireType(type.isScalar(), path, aggregation, "a scalar type (not a list or dict)", type);
            }
            case UNIQUE_LIST -> {
                requireProperty(property, path, aggregation);
                requireType(type.isList(), path, aggregation, "a list type such as string_list", type);
            }
            case CATEGORY_COUNT -> {
                requireProperty(property, path, aggregation);
                requireType(type == AttributeType.DICT, path, aggregation, "dict", type);
            }
            case TIME_SINCE_LAST, TIME_SINCE_FIRST -> checkTimeSince(attribute, path);
        }
        if (property != null && property.datePart() != null) {
            checkDatePart(attribute, path);
        }
    }

    private void checkTimeSince(AttributeDefinition attribute, String path) {
        AttributeType type = attribute.type();
        requireType(
                type == AttributeType.DOUBLE || type == AttributeType.FLOAT,
                path,
                attribute.aggregation(),
                "double or float",
                type);
        if (attribute.timeUnit() == null) {
            problem(path + "time_unit", "is required for " + attribute.aggregation() + " (s, min, h or d)", null);
        }
        Property property = attribute.property();
        if (property != null && !property.mayBeTimestamp()) {
            problem(
                    path + "property",
                    "must be a date-time for " + attribute.aggregation() + ", was",
                    property.describe());
        }
    }

    private void checkDatePart(AttributeDefinition attribute, String path) {
        Property property = attribute.property();
        DatePart part = property.datePart();
        Aggregation aggregation = attribute.aggregation();
        if (!aggregation.allowsDatePart()) {
            problem(path + "property.date_part", "cannot be used with " + aggregation + ", was", part.wireName());
            return;
        }
        if (!property.mayBeTimestamp()) {
            problem(
                    path + "property.date_part",
                    "needs a date-time property, not " + property.describe() + ", was",
                    part.wireName());
        }
        if (aggregation == Aggregation.CATEGORY_COUNT || aggregation == Aggregation.APPROX_COUNT_DISTINCT) {
            return;
        }
        AttributeType element = attribute.type().elementType();
        boolean fits = part.isExtract() ? element.isInteger() : element == AttributeType.STRING;
        if (!fits) {
            String needed = part.isExtract() ? "int32 or int64" : "string";
            problem(
                    path + "type",
                    "must be " + needed + (attribute.type().isList() ? " list" : "") + " for date_part " + part
                            + ", was",
                    attribute.type().wireName());
        }
    }

    private void requireProperty(Property property, String path, Aggregation aggregation) {
        if (property == null) {
            problem(path + "property", "is required for " + aggregation, null);
        }
    }

    private void requireNoProperty(Property property, String path, Aggregation aggregation) {
        if (property != null) {
            problem(
                    path + "property",
                    "is not used by " + aggregation + " and must be left out, was",
                    property.describe());
        }
    }

    private void requireType(boolean fits, String path, Aggregation aggregation, String needed, AttributeType type) {
        if (!fits) {
            problem(path + "type", "must be " + needed + " for " + aggregation + ", was", type.wireName());
        }
    }

    private void requireNumericSource(Property property, String path, Aggregation aggregation) {
        if (property instanceof Property.Atomic atomic) {
            FieldType fieldType = atomic.field().type();
            if (fieldType == FieldType.BOOLEAN || fieldType == FieldType.TIMESTAMP || fieldType == FieldType.JSON) {
                problem(
                        path + "property",
                        "must be numeric for " + aggregation + ", was",
                        atomic.field().columnName() + " (" + fieldType.name().toLowerCase(Locale.ROOT) + ")");
            }
        }
    }

    AttributeKeyDefinition key(JsonNode node, String path) {
        if (!isObject(node, path)) {
            return null;
        }
        String key = string(node, "key", path);
        if (key != null && AtomicField.byName(key) == null) {
            problem(path + "key", "must name an atomic column, was", key);
        }
        Property property = optionalProperty(node.get("property"), path + "property");
        String externalColumn = string(node, "external_column", path);
        String name;
        JsonNode nameNode = node.get("name");
        if ((nameNode == null || nameNode.isNull()) && property != null) {
            name = property instanceof Property.Atomic atomic
                    ? atomic.field().columnName()
                    : property instanceof Property.Event event
                            ? event.path().lastName()
                            : ((Property.Entity) property).path().lastName();
        } else if ((nameNode == null || nameNode.isNull()) && key != null) {
            name = key;
        } else {
            name = name(node, path + "name");
        }
        if (externalColumn != null && name != null && !externalColumn.equals(name)) {
            problem(path + "external_column", "must equal the key's name '" + name + "', was", externalColumn);
        }
        Duration ttl = positiveDuration(node, "ttl", path);
        String description = string(node, "description", path);
        String owner = string(node, "owner", path);
        boolean published = bool(node, "is_published", false, path);
        if (name == null) {
            return null;
        }
        return new AttributeKeyDefinition(name, key, property, externalColumn, ttl, description, owner, published);
    }

    ServiceDefinition service(JsonNode node) {
        if (!isObject(node, "")) {
            return null;
        }
        String name = name(node, "name");
        List<GroupRef> groups = groupRefs(node.get("attribute_groups"), "attribute_groups", true);
        String description = string(node, "description", "");
        String owner = string(node, "owner", "");
        boolean published = bool(node, "is_published", false);
        return name == null ? null : new ServiceDefinition(name, groups, description, owner, published);
    }

    InterventionDefinition intervention(JsonNode node) {
        if (!isObject(node, "")) {
            return null;
        }
        String name = name(node, "name");
        int version = version(node, "version");
        JsonNode criteriaNode = node.get("criteria");
        InterventionCriteria criteria = null;
        if (criteriaNode == null || criteriaNode.isNull()) {
            problem("criteria", "is required", null);
        } else {
            criteria = interventionCriteria(criteriaNode, "criteria", 0, true);
        }
        List<AttributeKeyDefinition> targets = new ArrayList<>();
        JsonNode targetsNode = node.get("target_attribute_keys");
        if (targetsNode != null && !targetsNode.isNull()) {
            if (!targetsNode.isArray()) {
                problem("target_attribute_keys", "must be an array, was", targetsNode);
            } else {
                for (int i = 0; i < targetsNode.size(); i++) {
                    AttributeKeyDefinition target = key(targetsNode.get(i), "target_attribute_keys[" + i + "].");
                    if (target != null) {
                        targets.add(target);
                    }
                }
            }
        }
        List<GroupRef> payload = groupRefs(node.get("payload_attribute_groups"), "payload_attribute_groups", false);
        String description = string(node, "description", "");
        String owner = string(node, "owner", "");
        boolean published = bool(node, "is_published", false);
        if (name == null || criteria == null) {
            return null;
        }
        return new InterventionDefinition(name, version, criteria, targets, payload, description, owner, published);
    }

    private InterventionCriteria interventionCriteria(JsonNode node, String path, int depth, boolean changedAllowed) {
        if (!isObject(node, path + ".")) {
            return null;
        }
        if (depth > MAX_CRITERIA_DEPTH) {
            problem(path, "nests deeper than " + MAX_CRITERIA_DEPTH + " levels", null);
            return null;
        }
        List<String> groupFields = new ArrayList<>();
        for (String field : List.of("all", "any", "none")) {
            if (node.has(field)) {
                groupFields.add(field);
            }
        }
        if (groupFields.size() > 1) {
            problem(path, "must hold exactly one of all, any or none, has", String.join(", ", groupFields));
            return null;
        }
        if (groupFields.isEmpty()) {
            return interventionLeaf(node, path, changedAllowed);
        }
        String field = groupFields.getFirst();
        JsonNode members = node.get(field);
        String membersPath = path + "." + field;
        if (!checkListSize(members, membersPath)) {
            return null;
        }
        List<InterventionCriteria> parsed = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            InterventionCriteria member = interventionCriteria(
                    members.get(i), membersPath + "[" + i + "]", depth + 1, changedAllowed && field.equals("all"));
            if (member != null) {
                parsed.add(member);
            }
        }
        return switch (field) {
            case "all" -> new InterventionCriteria.All(parsed);
            case "any" -> new InterventionCriteria.Any(parsed);
            default -> new InterventionCriteria.None(parsed);
        };
    }

    private InterventionCriteria interventionLeaf(JsonNode node, String path, boolean changedAllowed) {
        String attribute = string(node, "attribute", path + ".");
        if (attribute == null) {
            problem(path + ".attribute", "is required (group:attribute)", null);
        } else if (!QUALIFIED_ATTRIBUTE.matcher(attribute).matches()) {
            problem(path + ".attribute", "must be group:attribute without a version, was", attribute);
        }
        Operator operator = operator(node, path + ".");
        if (operator == Operator.CHANGED && !changedAllowed) {
            problem(path + ".operator", "changed may only stand alone or inside all, was", operator.text());
        }
        Object value = operator == null ? null : operatorValue(node.get("value"), operator, path + ".value");
        if (attribute == null || operator == null) {
            return null;
        }
        return new InterventionCriteria.Leaf(attribute, operator, value);
    }

    // ---- parts ------------------------------------------------------------------------------------------------

    private List<EventSelector> events(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problem(path, "must be an array, was", node);
            return List.of();
        }
        if (node.size() > MAX_LIST_ITEMS) {
            problem(path, "must hold at most " + MAX_LIST_ITEMS + " selectors, has", node.size());
            return List.of();
        }
        List<EventSelector> selectors = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "].";
            JsonNode item = node.get(i);
            if (!isObject(item, itemPath)) {
                continue;
            }
            if (item.has("event_specification_id")) {
                problem(
                        itemPath + "event_specification_id",
                        "is not supported; name the vendor, name and version, was",
                        item.get("event_specification_id"));
            }
            String vendor = patterned(item, "vendor", itemPath, SELECTOR_VENDOR);
            String name = patterned(item, "name", itemPath, SELECTOR_NAME);
            String version = patterned(item, "version", itemPath, SELECTOR_VERSION);
            selectors.add(new EventSelector(vendor, name, version));
        }
        return selectors;
    }

    private Property optionalProperty(JsonNode node, String path) {
        return node == null || node.isNull() ? null : property(node, path);
    }

    Property property(JsonNode node, String path) {
        if (!isObject(node, path + ".")) {
            return null;
        }
        String kind = string(node, "type", path + ".");
        DatePart datePart = optionalEnum(node, path + ".", "date_part", DatePart::fromWireName, DatePart.values());
        if (kind == null) {
            problem(path + ".type", "is required (atomic, event or entity)", null);
            return null;
        }
        return switch (kind) {
            case "atomic" -> atomicProperty(node, path, datePart);
            case "event", "entity" -> schemaProperty(node, path, kind, datePart);
            default -> {
                problem(path + ".type", "must be atomic, event or entity, was", kind);
                yield null;
            }
        };
    }

    private Property atomicProperty(JsonNode node, String path, DatePart datePart) {
        String column = string(node, "name", path + ".");
        if (column == null) {
            problem(path + ".name", "is required: an atomic column such as page_url", null);
            return null;
        }
        AtomicField field = AtomicField.byName(column);
        if (field == null) {
            problem(path + ".name", "must be one of the " + AtomicField.COUNT + " atomic columns, was", column);
            return null;
        }
        return new Property.Atomic(field, datePart);
    }

    private Property schemaProperty(JsonNode node, String path, String kind, DatePart datePart) {
        String vendor = patterned(node, "vendor", path + ".", SELECTOR_VENDOR);
        String name = patterned(node, "name", path + ".", SELECTOR_NAME);
        Integer major = integer(node, "major_version", path + ".", 1, Integer.MAX_VALUE);
        String pathText = string(node, "path", path + ".");
        JsonPath jsonPath = null;
        if (pathText == null) {
            problem(path + ".path", "is required, such as cart.total", null);
        } else {
            try {
                jsonPath = JsonPath.parse(pathText);
            } catch (IllegalArgumentException e) {
                problem(path + ".path", "must be dotted names and [n] indexes, was", pathText);
            }
        }
        if (vendor == null) {
            problem(path + ".vendor", "is required", null);
        }
        if (name == null) {
            problem(path + ".name", "is required", null);
        }
        if (major == null && !node.has("major_version")) {
            problem(path + ".major_version", "is required", null);
        }
        Integer index = 0;
        if (kind.equals("entity")) {
            index = integer(node, "index", path + ".", 0, Integer.MAX_VALUE);
            index = index == null ? 0 : index;
        }
        if (vendor == null || name == null || major == null || jsonPath == null) {
            return null;
        }
        return kind.equals("event")
                ? new Property.Event(vendor, name, major, jsonPath, datePart)
                : new Property.Entity(vendor, name, major, jsonPath, index, datePart);
    }

    private Criteria criteria(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!isObject(node, path + ".")) {
            return null;
        }
        List<Criterion> all = criterionList(node.get("all"), path + ".all");
        List<Criterion> any = criterionList(node.get("any"), path + ".any");
        Criteria criteria = new Criteria(all, any);
        return criteria.isEmpty() ? null : criteria;
    }

    private List<Criterion> criterionList(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!checkListSize(node, path)) {
            return List.of();
        }
        List<Criterion> criteria = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            Criterion criterion = criterion(node.get(i), path + "[" + i + "]");
            if (criterion != null) {
                criteria.add(criterion);
            }
        }
        return criteria;
    }

    private Criterion criterion(JsonNode node, String path) {
        if (!isObject(node, path + ".")) {
            return null;
        }
        JsonNode propertyNode = node.get("property");
        Property property = null;
        if (propertyNode == null || propertyNode.isNull()) {
            problem(path + ".property", "is required", null);
        } else {
            property = property(propertyNode, path + ".property");
        }
        Operator operator = operator(node, path + ".");
        if (operator == Operator.CHANGED) {
            problem(path + ".operator", "changed is only for intervention criteria, was", operator.text());
            return null;
        }
        Object value = operator == null ? null : operatorValue(node.get("value"), operator, path + ".value");
        return property == null || operator == null ? null : new Criterion(property, operator, value);
    }

    private Operator operator(JsonNode node, String path) {
        String text = string(node, "operator", path);
        if (text == null) {
            problem(path + "operator", "is required", null);
            return null;
        }
        Operator operator = Operator.fromText(text);
        if (operator == null) {
            problem(path + "operator", "must be one of " + operatorList() + ", was", text);
        }
        return operator;
    }

    private static String operatorList() {
        List<String> texts = new ArrayList<>();
        for (Operator operator : Operator.values()) {
            texts.add(operator.text());
        }
        return String.join(", ", texts);
    }

    /** The value of a criterion, checked against its operator. */
    private Object operatorValue(JsonNode node, Operator operator, String path) {
        if (operator.takesNoValue()) {
            return null;
        }
        if (node == null || node.isNull()) {
            problem(path, "is required for " + operator.text(), null);
            return null;
        }
        if (node.isArray()) {
            if (operator != Operator.IN && operator != Operator.NOT_IN) {
                problem(path, "must be a single value for " + operator.text() + ", was", node);
                return null;
            }
            if (node.isEmpty() || node.size() > MAX_VALUE_ITEMS) {
                problem(path, "must hold 1 to " + MAX_VALUE_ITEMS + " items, has", node.size());
                return null;
            }
            List<Object> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                Object item = scalar(node.get(i));
                if (item == NOT_SCALAR) {
                    problem(path + "[" + i + "]", "must be a string, number or boolean, was", node.get(i));
                    return null;
                }
                items.add(item);
            }
            return List.copyOf(items);
        }
        Object value = scalar(node);
        if (value == NOT_SCALAR) {
            problem(path, "must be a string, number or boolean (or a list for in), was", node);
            return null;
        }
        if (operator.isPattern() && !(value instanceof String)) {
            problem(path, "must be a string for " + operator.text() + ", was", node);
            return null;
        }
        if ((operator == Operator.RLIKE || operator == Operator.NOT_RLIKE)) {
            try {
                Pattern.compile((String) value);
            } catch (PatternSyntaxException e) {
                problem(path, "is not a valid regular expression (" + e.getDescription() + "), was", value);
                return null;
            }
        }
        return value;
    }

    private static Object scalar(JsonNode node) {
        if (node == null) {
            return NOT_SCALAR;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            double value = node.doubleValue();
            return Double.isFinite(value) ? (Object) value : NOT_SCALAR;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return NOT_SCALAR;
    }

    /** A default value checked against the attribute's type, in the JSON-like form the definition keeps. */
    private Object defaultValue(JsonNode node, AttributeType type, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (type == AttributeType.DICT) {
            if (!node.isObject()) {
                problem(path, "must be an object of counts for dict, was", node);
                return null;
            }
            Map<String, Object> counts = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                JsonNode count = entry.getValue();
                if (!count.isIntegralNumber() || !count.canConvertToLong()) {
                    problem(path + "." + entry.getKey(), "must be an integer count, was", count);
                    return null;
                }
                counts.put(entry.getKey(), count.longValue());
            }
            return counts;
        }
        if (type.isList()) {
            if (!node.isArray()) {
                problem(path, "must be a list for " + type + ", was", node);
                return null;
            }
            List<Object> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                Object item = typedScalar(node.get(i), type.elementType(), path + "[" + i + "]");
                if (item == null) {
                    return null;
                }
                items.add(item);
            }
            return List.copyOf(items);
        }
        return typedScalar(node, type, path);
    }

    private Object typedScalar(JsonNode node, AttributeType type, String path) {
        Object value = scalar(node);
        boolean fits = switch (type) {
            case INT32 -> value instanceof Long number && number == number.intValue();
            case INT64 -> value instanceof Long;
            case DOUBLE, FLOAT -> value instanceof Long || value instanceof Double;
            case BOOL -> value instanceof Boolean;
            case UNIX_TIMESTAMP -> value instanceof String text && parsesAsInstant(text);
            default -> value instanceof String;
        };
        if (!fits) {
            problem(path, "must be a value of type " + type + ", was", node);
            return null;
        }
        return value;
    }

    private static boolean parsesAsInstant(String text) {
        try {
            Timestamps.parseLenient(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private List<GroupRef> groupRefs(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                problem(path, "are required", null);
            }
            return List.of();
        }
        if (required ? !checkListSize(node, path) : !node.isArray()) {
            if (!required) {
                problem(path, "must be an array, was", node);
            }
            return List.of();
        }
        List<GroupRef> refs = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "].";
            JsonNode item = node.get(i);
            if (!isObject(item, itemPath)) {
                continue;
            }
            String name = name(item, itemPath + "name");
            int version = version(item, itemPath + "version");
            if (name != null) {
                refs.add(new GroupRef(name, version));
            }
        }
        return refs;
    }

    // ---- scalars ----------------------------------------------------------------------------------------------

    private boolean checkListSize(JsonNode node, String path) {
        if (node == null || !node.isArray()) {
            problem(path, "must be an array, was", node);
            return false;
        }
        if (node.isEmpty() || node.size() > MAX_LIST_ITEMS) {
            problem(path, "must hold 1 to " + MAX_LIST_ITEMS + " items, has", node.size());
            return false;
        }
        return true;
    }

    private boolean isObject(JsonNode node, String path) {
        if (node != null && node.isObject()) {
            return true;
        }
        String where = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
        problem(where.isEmpty() ? "definition" : where, "must be an object, was", node);
        return false;
    }

    private String name(JsonNode node, String path) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problem(path, "is required", null);
            return null;
        }
        if (!value.isString() || !NAME.matcher(value.stringValue()).matches()) {
            problem(path, "must be 1 to 128 letters, digits or underscores, was", value);
            return null;
        }
        return value.stringValue();
    }

    private int version(JsonNode node, String path) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        String prefix = path.substring(0, path.length() - field.length());
        Integer version = integer(node, field, prefix, 1, MAX_VERSION);
        return version == null ? 1 : version;
    }

    private Integer integer(JsonNode node, String field, String path, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()
                || !value.canConvertToLong()
                || value.longValue() < min
                || value.longValue() > max) {
            problem(path + field, "must be an integer from " + min + " to " + max + ", was", value);
            return null;
        }
        return (int) value.longValue();
    }

    private String string(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            problem(path + field, "must be a string, was", value);
            return null;
        }
        return value.stringValue();
    }

    private String patterned(JsonNode node, String field, String path, Pattern pattern) {
        String value = string(node, field, path);
        if (value != null && !pattern.matcher(value).matches()) {
            problem(path + field, "must match " + pattern.pattern() + ", was", value);
            return null;
        }
        return value;
    }

    private boolean bool(JsonNode node, String field, boolean fallback) {
        return bool(node, field, fallback, "");
    }

    private boolean bool(JsonNode node, String field, boolean fallback, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(path + field, "must be true or false, was", value);
            return fallback;
        }
        return value.booleanValue();
    }

    private Duration positiveDuration(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Duration duration;
        if (value.isString()) {
            try {
                duration = IsoDurations.parse(value.stringValue());
            } catch (IllegalArgumentException e) {
                problem(path + field, "must be an ISO-8601 duration such as PT10M or P7D, was", value);
                return null;
            }
        } else if (value.isNumber()) {
            BigDecimal seconds = value.decimalValue();
            if (seconds.abs().compareTo(BigDecimal.valueOf(86_400L * 999_999_999L)) > 0) {
                problem(path + field, "is too long, was", value);
                return null;
            }
            duration = Duration.ofNanos(0)
                    .plusSeconds(seconds.longValue())
                    .plusNanos(
                            seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        } else {
            problem(path + field, "must be an ISO-8601 duration or a number of seconds, was", value);
            return null;
        }
        if (duration.isNegative() || duration.isZero()) {
            problem(path + field, "must be positive, was", duration);
            return null;
        }
        return duration;
    }

    private Instant timestamp(JsonNode node, String field) {
        String text = string(node, field, "");
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parseLenient(text);
        } catch (RuntimeException e) {
            problem(field, "must be an ISO-8601 date-time, was", text);
            return null;
        }
    }

    private JsonNode passThrough(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.deepCopy();
    }

    private <E extends Enum<E>> E enumValue(
            JsonNode node, String path, String field, Function<String, E> byName, E[] all) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problem(path + field, "is required", null);
            return null;
        }
        return optionalEnum(node, path, field, byName, all);
    }

    private <E extends Enum<E>> E optionalEnum(
            JsonNode node, String path, String field, Function<String, E> byName, E[] all) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        E found = value.isString() ? byName.apply(value.stringValue()) : null;
        if (found == null) {
            List<String> names = new ArrayList<>();
            for (E item : all) {
                names.add(item.toString());
            }
            problem(path + field, "must be one of " + String.join(", ", names) + ", was", value);
        }
        return found;
    }

    // ---- problems ---------------------------------------------------------------------------------------------

    /** Records a problem; {@code was} is shown after ", was" unless the message does not end with "was". */
    private void problem(String path, String message, Object was) {
        StringBuilder text =
                new StringBuilder(subject).append(": ").append(path).append(' ').append(message);
        if (message.endsWith("was") || message.endsWith("has")) {
            text.append(' ').append(show(was));
        }
        problems.add(text.toString());
    }

    static String show(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Duration duration) {
            return IsoDurations.format(duration);
        }
        if (value instanceof String text) {
            return "'" + abbreviate(text) + "'";
        }
        if (value instanceof JsonNode node) {
            if (node.isNull()) {
                return "null";
            }
            return node.isString() ? "'" + abbreviate(node.stringValue()) + "'" : abbreviate(node.toString());
        }
        return abbreviate(String.valueOf(value));
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }
}
