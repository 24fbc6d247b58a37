package io.signalbox.events;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The project's shared JSON mapper, with limits suited to untrusted input. */
public final class Json {
    /** Nesting deeper than this is refused, as the reference enricher refuses it. */
    public static final int MAX_NESTING_DEPTH = 40;

    /** Shared, thread-safe mapper. */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(10_000_000)
                            .build())
                    .build())
            .build();

    /** Node factory for building trees. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /**
     * Parses JSON text into a tree.
     *
     * @throws tools.jackson.core.JacksonException when the text is not JSON or breaks the limits
     */
    public static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    /** Writes a tree as compact JSON. */
    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }
}
