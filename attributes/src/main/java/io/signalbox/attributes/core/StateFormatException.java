package io.signalbox.attributes.core;

/** Bytes that are not a profile state this build can read for the group at hand. */
public final class StateFormatException extends IllegalArgumentException {
    StateFormatException(String message) {
        super(message);
    }
}
