package io.signalbox.engine.warehouse;

/** The warehouse file is held by another process, such as a running Signalbox server. */
public final class WarehouseLockedException extends WarehouseException {
    public WarehouseLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
