package io.signalbox.engine.warehouse;

/** The kinds of file {@link WarehouseImport} reads; each may be gzip-compressed. */
public enum ImportFormat {
    /** Decide from the first line: 131 tab-separated columns mean TSV, a header naming atomic columns means CSV. */
    AUTO,
    /** A Snowplow atomic-table export: a header row, then comma-separated, optionally quoted values. */
    CSV,
    /** Enriched TSV: 131 tab-separated columns per line, no header. */
    TSV
}
