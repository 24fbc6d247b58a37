package io.signalbox.tracking;

import io.signalbox.events.SchemaKey;
import io.signalbox.events.SelfDescribingData;
import tools.jackson.databind.JsonNode;

/** Reads a JSON value as a self-describing JSON, saying why when it is not one. */
final class Sdj {
    private Sdj() {}

    /** The outcome of reading a value as self-describing JSON. */
    sealed interface Read {}

    /** A well-formed self-describing JSON. */
    record Valid(SelfDescribingData sdj) implements Read {}

    /** Not a self-describing JSON, for the reason given. */
    record Invalid(Messages.SdjProblem problem) implements Read {}

    /** Reads {@code {"schema": "iglu:…", "data": …}}. */
    static Read read(JsonNode json) {
        if (json == null || !json.isObject()) {
            return new Invalid(Messages.SdjProblem.INVALID_SCHEMA);
        }
        JsonNode schema = json.get("schema");
        if (schema == null || !schema.isString()) {
            return new Invalid(Messages.SdjProblem.INVALID_SCHEMA);
        }
        SchemaKey key = IgluUris.parse(schema.stringValue());
        if (key == null) {
            return new Invalid(problemOf(schema.stringValue()));
        }
        JsonNode data = json.get("data");
        if (data == null) {
            return new Invalid(Messages.SdjProblem.INVALID_DATA_PAYLOAD);
        }
        return new Valid(new SelfDescribingData(key, data));
    }

    private static Messages.SdjProblem problemOf(String uri) {
        String[] parts = uri.split("/", -1);
        boolean shapedLikeIglu = uri.startsWith("iglu:") && parts.length == 4 && !parts[3].isEmpty();
        return shapedLikeIglu ? Messages.SdjProblem.INVALID_SCHEMAVER : Messages.SdjProblem.INVALID_IGLUURI;
    }
}
