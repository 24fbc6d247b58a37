package io.signalbox.engine.warehouse;

/** The warehouse could not be opened, read or written. */
public class WarehouseException extends RuntimeException {
    public WarehouseException(String message) {
        super(message);
    }

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
