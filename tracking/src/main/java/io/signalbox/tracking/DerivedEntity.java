package io.signalbox.tracking;

import io.signalbox.events.Json;
import io.signalbox.events.SelfDescribingData;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * An entity an enrichment adds to {@code derived_contexts}, serialised once so that a cached entity costs no JSON
 * writing per event.
 *
 * @param entity the entity
 * @param json its compact JSON text
 * @param aloneAsContexts the {@code derived_contexts} text when it is the only derived entity
 * @param validationError the Iglu error when the entity does not validate against its schema, else {@code null}
 */
record DerivedEntity(SelfDescribingData entity, String json, String aloneAsContexts, ObjectNode validationError) {
    private static final String CONTEXTS_PREFIX =
            "{\"schema\":\"" + SelfDescribingData.CONTEXTS.toUri() + "\",\"data\":[";
    private static final String CONTEXTS_SUFFIX = "]}";

    static DerivedEntity of(SelfDescribingData entity, ObjectNode validationError) {
        String json = Json.write(entity.toJson());
        return new DerivedEntity(entity, json, CONTEXTS_PREFIX + json + CONTEXTS_SUFFIX, validationError);
    }

    /** The {@code derived_contexts} text ({@code contexts} 1-0-1) of the entities, or {@code null} for none. */
    static String contexts(List<DerivedEntity> entities) {
        if (entities.isEmpty()) {
            return null;
        }
        if (entities.size() == 1) {
            return entities.get(0).aloneAsContexts();
        }
        StringBuilder text = new StringBuilder(CONTEXTS_PREFIX);
        for (int i = 0; i < entities.size(); i++) {
            text.append(i == 0 ? "" : ",").append(entities.get(i).json());
        }
        return text.append(CONTEXTS_SUFFIX).toString();
    }
}
