package io.signalbox.attributes;

import io.signalbox.events.AtomicField;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What identifies a profile: the built-in keys read an atomic column ({@code domain_userid}, {@code
 * domain_sessionid}, {@code network_userid}, {@code user_id}, and the deprecated aliases {@code user} and {@code
 * session}); a custom key reads any {@link Property}; a warehouse key names an external column.
 *
 * @param name the key's name
 * @param key the deprecated {@code key} field: an atomic column name, or {@code null}
 * @param property the property of a custom key, or {@code null}
 * @param externalColumn the warehouse column of an external key, or {@code null}
 * @param ttl the time to live of lifetime attributes keyed by it, or {@code null}
 * @param description free text, or {@code null}
 * @param owner the owner's email, or {@code null}
 * @param isPublished whether it is published
 */
public record AttributeKeyDefinition(
        String name,
        String key,
        Property property,
        String externalColumn,
        Duration ttl,
        String description,
        String owner,
        boolean isPublished) {

    private static final Map<String, AtomicField> BUILT_IN_COLUMNS = Map.of(
            "domain_userid", AtomicField.DOMAIN_USERID,
            "domain_sessionid", AtomicField.DOMAIN_SESSIONID,
            "network_userid", AtomicField.NETWORK_USERID,
            "user_id", AtomicField.USER_ID,
            "user", AtomicField.DOMAIN_USERID,
            "session", AtomicField.DOMAIN_SESSIONID);

    /** The four built-in keys, as the SDK sends them. */
    public static final List<AttributeKeyDefinition> BUILT_INS = List.of(
            builtIn("domain_userid"), builtIn("domain_sessionid"), builtIn("network_userid"), builtIn("user_id"));

    public AttributeKeyDefinition {
        Objects.requireNonNull(name, "name");
    }

    /**
     * A built-in key, or an alias of one.
     *
     * @throws IllegalArgumentException when the name is not built in
     */
    public static AttributeKeyDefinition builtIn(String name) {
        AtomicField column = BUILT_IN_COLUMNS.get(name);
        if (column == null) {
            throw new IllegalArgumentException("no built-in attribute key is named '" + name + "'");
        }
        return new AttributeKeyDefinition(name, column.columnName(), null, null, null, null, null, false);
    }

    /** Whether the name is that of a built-in key or alias. */
    public static boolean isBuiltInName(String name) {
        return BUILT_IN_COLUMNS.containsKey(name);
    }

    /**
     * The property whose value identifies a profile: the custom property, else the {@code key} column, else the
     * built-in column of the name; {@code null} when the key has none of these (an external key, or a bare name to
     * be resolved).
     */
    public Property keyProperty() {
        if (property != null) {
            return property;
        }
        if (key != null) {
            AtomicField field = AtomicField.byName(key);
            if (field != null) {
                return Property.atomic(field);
            }
        }
        AtomicField column = BUILT_IN_COLUMNS.get(name);
        return column == null ? null : Property.atomic(column);
    }
}
