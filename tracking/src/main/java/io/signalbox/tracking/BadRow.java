package io.signalbox.tracking;

import io.signalbox.events.Json;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A failed event or request: a self-describing JSON of one of the standard bad-row schemas, {@code {"schema":
 * "iglu:com.snowplowanalytics.snowplow.badrows/<type>/jsonschema/<version>", "data": {processor, failure,
 * payload}}}.
 *
 * @param type the bad-row type
 * @param json the whole self-describing JSON
 */
public record BadRow(BadRowType type, ObjectNode json) {

    public BadRow {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
    }

    /** Compact JSON text of the bad row. */
    public String toJsonString() {
        return Json.write(json);
    }
}
