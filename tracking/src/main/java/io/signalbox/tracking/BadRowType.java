package io.signalbox.tracking;

import io.signalbox.events.SchemaKey;

/** The bad-row types a collector and enricher emit, at the schema versions current Snowplow components emit. */
public enum BadRowType {
    SIZE_VIOLATION("size_violation", "1-0-0"),
    COLLECTOR_PAYLOAD_FORMAT_VIOLATION("collector_payload_format_violation", "1-0-0"),
    ADAPTER_FAILURES("adapter_failures", "1-0-0"),
    TRACKER_PROTOCOL_VIOLATIONS("tracker_protocol_violations", "1-0-1"),
    SCHEMA_VIOLATIONS("schema_violations", "2-0-1"),
    ENRICHMENT_FAILURES("enrichment_failures", "2-0-1");

    private final String schemaName;
    private final SchemaKey schema;

    BadRowType(String schemaName, String version) {
        this.schemaName = schemaName;
        this.schema = SchemaKey.of("com.snowplowanalytics.snowplow.badrows", schemaName, version);
    }

    /** The snake_case name, as in the schema and in metrics. */
    public String schemaName() {
        return schemaName;
    }

    /** The Iglu schema of this bad-row type. */
    public SchemaKey schema() {
        return schema;
    }
}
