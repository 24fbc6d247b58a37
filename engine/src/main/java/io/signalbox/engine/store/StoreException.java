package io.signalbox.engine.store;

/** A storage operation failed in a way the caller cannot fix by retrying the same call. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
