package io.signalbox.tracking;

import io.signalbox.events.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the failure messages that go into bad rows, in the shapes the bad-row schemas allow. Text is cut to the
 * schemas' length limits so that every bad row stays valid.
 */
final class Messages {
    static final int FIELD_MAX = 64;
    static final int EXPECTATION_MAX = 256;
    static final int ERROR_MAX = 512;

    private Messages() {}

    /** {@code {field, value, error}}: a value that could not be parsed. */
    static ObjectNode fieldError(String field, String value, String error) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("field", cut(field, FIELD_MAX));
        node.put("value", value);
        node.put("error", error);
        return node;
    }

    /** {@code {field, value, expectation}}: a value that did not meet an expectation. */
    static ObjectNode fieldExpectation(String field, String value, String expectation) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("field", cut(field, FIELD_MAX));
        node.put("value", value);
        node.put("expectation", cut(expectation, EXPECTATION_MAX));
        return node;
    }

    /** {@code {json, error}}: JSON that is not self-describing; the code is one of {@link SdjProblem}. */
    static ObjectNode notSelfDescribing(JsonNode json, SdjProblem problem) {
        ObjectNode node = Json.NODES.objectNode();
        node.set("json", json);
        node.put("error", problem.name());
        return node;
    }

    /** {@code {schemaKey, schemaCriterion}}: a self-describing JSON of the wrong schema. */
    static ObjectNode criterionMismatch(String schemaKey, String criterion) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("schemaKey", schemaKey);
        node.put("schemaCriterion", criterion);
        return node;
    }

    /** {@code {schemaKey, error}}: an Iglu resolution or validation error. */
    static ObjectNode igluError(String schemaKey, ObjectNode error) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("schemaKey", schemaKey);
        node.set("error", error);
        return node;
    }

    /** {@code {error}}: a failure described by text only. */
    static ObjectNode error(String error) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("error", cut(error, ERROR_MAX));
        return node;
    }

    /** {@code {payloadField, value, expectation}}: a collector payload field that cannot be read. */
    static ObjectNode payloadField(String payloadField, String value, String expectation) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("payloadField", cut(payloadField, FIELD_MAX));
        node.put("value", value);
        node.put("expectation", cut(expectation, EXPECTATION_MAX));
        return node;
    }

    /** {@code {enrichment: null, message}}: an enrichment failure of one of the always-on steps. */
    static ObjectNode enrichmentFailure(ObjectNode message) {
        ObjectNode node = Json.NODES.objectNode();
        node.putNull("enrichment");
        node.set("message", message);
        return node;
    }

    /** {@code {enrichment: {schemaKey, identifier}, message}}: an enrichment failure of a configurable step. */
    static ObjectNode enrichmentFailure(String enrichmentSchema, String identifier, ObjectNode message) {
        ObjectNode enrichment = Json.NODES.objectNode();
        enrichment.put("schemaKey", enrichmentSchema);
        enrichment.put("identifier", cut(identifier, EXPECTATION_MAX));
        ObjectNode node = Json.NODES.objectNode();
        node.set("enrichment", enrichment);
        node.set("message", message);
        return node;
    }

    /** The text cut to at most {@code max} characters, or {@code null}. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** Why a JSON value is not a self-describing JSON, in the bad-row schemas' words. */
    enum SdjProblem {
        /** The {@code schema} is an Iglu URI whose version is not {@code M-R-A}. */
        INVALID_SCHEMAVER,
        /** The {@code schema} is not an Iglu URI. */
        INVALID_IGLUURI,
        /** There is no {@code data}. */
        INVALID_DATA_PAYLOAD,
        /** The value is not an object or has no string {@code schema}. */
        INVALID_SCHEMA
    }
}
