package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Validates bad rows against the bad-row schemas shipped in the built-in Iglu repository. */
final class BadRowSchemas {
    private static final IgluResolver RESOLVER =
            IgluResolver.create(EnricherConfig.Iglu.defaults(), InstantSource.system());

    private BadRowSchemas() {}

    /** The validation error of a bad row against its schema, or empty when it is valid. */
    static Optional<ObjectNode> errors(BadRow row) {
        assertThat(row.json().get("schema").asString())
                .isEqualTo(row.type().schema().toUri());
        return RESOLVER.validate(row.type().schema(), row.json().get("data"));
    }

    /** Asserts that the bad row validates against its schema. */
    static void assertValid(BadRow row) {
        assertThat(errors(row))
                .as("bad row %s should validate against its schema", row.toJsonString())
                .isEmpty();
    }
}
