package io.signalbox.engine.registry;

/** A registry request that cannot be carried out, with a message a user can act on. */
public final class RegistryException extends RuntimeException {
    /** Why the request failed. */
    public enum Reason {
        /** The definition already exists; update it or use another name or version. */
        ALREADY_EXISTS,
        /** No such definition. */
        NOT_FOUND,
        /** A published version cannot change, and must be unpublished before it is deleted. */
        PUBLISHED,
        /** The definition refers to something that does not exist or does not fit. */
        INVALID_REFERENCE
    }

    private final Reason reason;

    public RegistryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
