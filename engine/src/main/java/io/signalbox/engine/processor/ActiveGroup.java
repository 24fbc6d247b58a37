package io.signalbox.engine.processor;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.core.CompiledGroup;

/**
 * A group version the processor computes.
 *
 * @param definition the group
 * @param key the key it is computed for
 * @param compiled the compiled core
 */
public record ActiveGroup(AttributeGroupDefinition definition, AttributeKeyDefinition key, CompiledGroup compiled) {

    /** {@code name_vN}. */
    public String fullName() {
        return definition.fullName();
    }
}
