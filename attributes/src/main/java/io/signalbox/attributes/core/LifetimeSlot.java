package io.signalbox.attributes.core;

/**
 * A lifetime attribute: one running aggregate over every accepted event.
 *
 * <p>With a TTL, the attribute's events form runs: a run ends when the next event (by event time) comes a TTL or
 * more after the newest event of the run, and the value as of {@code t} is the aggregate of the current run, or the
 * default once {@code t >= newest + ttl}. An event at or after {@code newest + ttl} starts a new run, exactly as if a
 * store had deleted the expired state. A late event older than the run's start by less than a TTL joins the run; one
 * older by a TTL or more belongs to an expired run and is ignored. The only inexactness is a late event that would
 * bridge the current run with an earlier, already expired one: that earlier run is not revived.
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
