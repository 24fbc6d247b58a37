package io.signalbox.attributes.core;

/** What the three kinds of window share: their attribute and newest event time, after which they expire. */
abstract sealed class WindowedSlot extends Slot permits LatestSlot, RecencyWindowSlot, WindowSlot {
    final CompiledAttribute attribute;
    long newest = NONE;

    WindowedSlot(CompiledAttribute attribute) {
        this.attribute = attribute;
    }

    /** A window covers nothing once its period has passed since its newest event. */
    @Override
    final long expiresAt() {
        return newest == NONE ? NONE : newest + attribute.periodMillis();
    }

    @Override
    final long newest() {
        return newest;
    }
}
