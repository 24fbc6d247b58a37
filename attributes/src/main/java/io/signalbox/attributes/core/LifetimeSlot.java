package io.signalbox.attributes.core;

/**
 * A lifetime attribute: one running aggregate over every accepted event, restarted when its TTL runs out (the TTL
 * semantics, runs and their one inexactness are described on {@link CompiledGroup}). It keeps the start and the
 * newest event time of the current run.
 */
final class LifetimeSlot extends Slot {
    private final CompiledAttribute attribute;
    private Accumulator accumulator;
    private long runStart = NONE;
    private long newest = NONE;

    LifetimeSlot(CompiledAttribute attribute) {
        this.attribute = attribute;
        this.accumulator = attribute.newAccumulator(true);
    }

    @Override
    boolean add(long ts, double num, Object obj) {
        long ttl = attribute.ttlMillis();
        boolean timesChanged = false;
        if (newest == NONE) {
            runStart = ts;
            newest = ts;
            timesChanged = true;
        } else if (ttl > 0 && ts - newest >= ttl) {
            accumulator = attribute.newAccumulator(true);
            runStart = ts;
            newest = ts;
            timesChanged = true;
        } else if (ttl > 0 && runStart - ts >= ttl) {
            return false;
        } else if (ts > newest || ts < runStart) {
            newest = Math.max(newest, ts);
            runStart = Math.min(runStart, ts);
            timesChanged = ttl > 0;
        }
        return accumulator.add(ts, num, obj) || timesChanged;
    }

    @Override
    Accumulator read(long asOf) {
        if (newest == NONE || asOf >= expiresAt() || accumulator.isEmpty()) {
            return null;
        }
        return accumulator;
    }

    @Override
    long expiresAt() {
        long ttl = attribute.ttlMillis();
        if (newest == NONE) {
            return NONE;
        }
        return ttl > 0 ? newest + ttl : NEVER;
    }

    @Override
    long newest() {
        return newest;
    }

    @Override
    int kind() {
        return 1;
    }

    @Override
    void write(StateWriter out) {
        out.writeZigZag(newest);
        out.writeVarLong(newest - runStart);
        accumulator.write(out, attribute.codec());
    }

    static LifetimeSlot read(StateReader in, CompiledAttribute attribute) {
        LifetimeSlot slot = new LifetimeSlot(attribute);
        slot.newest = in.readZigZag();
        long span = in.readVarLong();
        if (span < 0 || slot.newest == NONE) {
            throw in.fail("a lifetime attribute's run is malformed");
        }
        slot.runStart = slot.newest - span;
        slot.accumulator = attribute.readAccumulator(in);
        return slot;
    }
}
