package io.signalbox.api.interventions;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rule interventions that fired while nobody listened for their targets, kept for a short time for the first stream
 * that subscribes to one of them. A rule that fires on a page view fires while the page that sent the view is still
 * opening its stream; without the hold, the intervention would miss exactly the page it was meant for.
 *
 * <p>Bounded whatever the traffic: each intervention is kept for {@code holdFor}, at most {@link #MAX_PER_TARGET} per
 * target and {@link #MAX_TARGETS} targets, the oldest dropped first. One intervention held for several targets (the
 * visitor's user id and session id, say) is handed out once, and then forgotten for all of them. Not thread-safe: the
 * hub guards it with the lock under which it registers subscribers.
 */
final class HeldInterventions {
    static final int MAX_TARGETS = 10_000;
    static final int MAX_PER_TARGET = 8;

    /**
     * One held intervention: the instance without {@code target_attribute_key}, and the targets it is for. Compared by
     * identity: the same instance sits in the queue of each of its targets.
     */
    static final class Held {
        private final ObjectNode payload;
        private final List<Target> targets;
        private final long expiresAtNanos;

        private Held(ObjectNode payload, List<Target> targets, long expiresAtNanos) {
            this.payload = payload;
            this.targets = targets;
            this.expiresAtNanos = expiresAtNanos;
        }

        ObjectNode payload() {
            return payload;
        }

        List<Target> targets() {
            return targets;
        }

        long expiresAtNanos() {
            return expiresAtNanos;
        }
    }

    private final long holdForNanos;
    private final Map<Target, ArrayDeque<Held>> byTarget = new LinkedHashMap<>();
    private long dropped;

    HeldInterventions(Duration holdFor) {
        if (holdFor.isNegative()) {
            throw new IllegalArgumentException("the hold must not be negative, was " + holdFor);
        }
        this.holdForNanos = holdFor.toNanos();
    }

    /** Keeps an intervention for its targets until {@code nowNanos} plus the hold. */
    void hold(ObjectNode payload, List<Target> targets, long nowNanos) {
        if (holdForNanos == 0 || targets.isEmpty()) {
            return;
        }
        Held held = new Held(payload, List.copyOf(targets), nowNanos + holdForNanos);
        for (Target target : held.targets()) {
            ArrayDeque<Held> queue = byTarget.get(target);
            if (queue == null) {
                evictForNewTarget(nowNanos);
                queue = new ArrayDeque<>();
                byTarget.put(target, queue);
            }
            if (queue.size() == MAX_PER_TARGET) {
                Held oldest = queue.removeFirst();
                oldest.targets().forEach(other -> forget(oldest, other));
                dropped++;
            }
            queue.addLast(held);
        }
    }

    /**
     * Takes the unexpired interventions held for any of the targets, oldest first, each once: they are no longer
     * held for any target.
     */
    List<Held> take(List<Target> targets, long nowNanos) {
        Set<Held> taken = new LinkedHashSet<>();
        for (Target target : targets) {
            ArrayDeque<Held> queue = byTarget.remove(target);
            if (queue != null) {
                for (Held held : queue) {
                    if (held.expiresAtNanos() - nowNanos > 0) {
                        taken.add(held);
                    }
                }
            }
        }
        for (Held held : taken) {
            for (Target target : held.targets()) {
                forget(held, target);
            }
        }
        return new ArrayList<>(taken);
    }

    /** Targets with an intervention held. */
    int targetCount() {
        return byTarget.size();
    }

    /** Interventions dropped before their time because a bound was reached. */
    long droppedCount() {
        return dropped;
    }

    /** Drops expired entries from the oldest targets, then the oldest target if the map is still full. */
    private void evictForNewTarget(long nowNanos) {
        Iterator<Map.Entry<Target, ArrayDeque<Held>>> oldest =
                byTarget.entrySet().iterator();
        while (oldest.hasNext()) {
            ArrayDeque<Held> queue = oldest.next().getValue();
            queue.removeIf(held -> held.expiresAtNanos() - nowNanos <= 0);
            if (queue.isEmpty()) {
                oldest.remove();
            } else {
                break;
            }
        }
        if (byTarget.size() >= MAX_TARGETS) {
            Iterator<Map.Entry<Target, ArrayDeque<Held>>> first =
                    byTarget.entrySet().iterator();
            dropped += first.next().getValue().size();
            first.remove();
        }
    }

    private void forget(Held held, Target target) {
        ArrayDeque<Held> queue = byTarget.get(target);
        if (queue != null && queue.removeIf(other -> other == held) && queue.isEmpty()) {
            byTarget.remove(target);
        }
    }
}
