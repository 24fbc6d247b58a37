package io.signalbox.attributes.core;

/**
 * The aggregation state of one profile (one attribute-key value) for one compiled attribute group. It is created by
 * {@link CompiledGroup#newState()} or {@link CompiledGroup#decode(byte[])}, changed only by {@link
 * CompiledGroup#apply}, and belongs to the group that made it. Not thread-safe: one writer at a time.
 */
public final class ProfileState {
    final CompiledGroup group;
    final Slot[] slots;
    long newest = Slot.NONE;

    ProfileState(CompiledGroup group, int attributes) {
        this.group = group;
        this.slots = new Slot[attributes];
    }

    /** Whether no event has changed this state yet. */
    public boolean isEmpty() {
        return newest == Slot.NONE;
    }
}
