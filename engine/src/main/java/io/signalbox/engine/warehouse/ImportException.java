package io.signalbox.engine.warehouse;

/** A file cannot be imported at all: it is missing, unreadable, or neither a CSV export nor an enriched TSV. */
public final class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
