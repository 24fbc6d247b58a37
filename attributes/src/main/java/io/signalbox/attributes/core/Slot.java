package io.signalbox.attributes.core;

/**
 * The state one attribute keeps for one profile. Four kinds exist, chosen by the attribute's shape: a lifetime
 * aggregate ({@link LifetimeSlot}), a window that needs only its newest event ({@link LatestSlot}), a window over the
 * last sighting of each value ({@link RecencyWindowSlot}) and a general window of entries and tiles ({@link
 * WindowSlot}).
 */
abstract sealed class Slot permits LifetimeSlot, WindowedSlot {
    static final long NONE = Long.MIN_VALUE;
    static final long NEVER = Long.MAX_VALUE;

    /** Folds in one accepted event; returns whether the state changed. */
    abstract boolean add(long ts, double num, Object obj);

    /** What the attribute covers as of {@code asOf}, or null when it covers nothing (the value is the default). */
    abstract Accumulator read(long asOf);

    /** The epoch millisecond at and after which the value reads as the default, or {@link #NEVER}. */
    abstract long expiresAt();

    /** The newest event time folded in, or {@link #NONE}. */
    abstract long newest();

    /** A code for the format, so that decoding notices a slot of the wrong kind. */
    abstract int kind();

    abstract void write(StateWriter out);
}
