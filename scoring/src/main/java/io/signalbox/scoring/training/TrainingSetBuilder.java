package io.signalbox.scoring.training;

import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.engine.warehouse.EventCursor;
import io.signalbox.engine.warehouse.EventQuery;
import io.signalbox.engine.warehouse.Warehouse;
import io.signalbox.events.EnrichedEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Builds a point-in-time training set by replaying history through the engine's own core ({@link CompiledGroup}),
 * exactly as the live processor folds events, and reading each row's values at its anchor as the API would.
 *
 * <p>Events must come in {@code derived_tstamp} order, as the warehouse hands them out. The replay is one pass:
 *
 * <ol>
 *   <li>Values are read as the API serves them ({@link CompiledGroup#servedValues}): a prospect with no state yet, or
 *       an expired one, has every value null.
 *   <li>Anchors are the matching events (or instants every so often after activity). A row's values are read at the
 *       anchor from the events before it ({@link FeatureTime#BEFORE_ANCHOR}; events at the same millisecond are
 *       applied only after every anchor at that instant is read) or with the anchor event applied ({@link
 *       FeatureTime#AFTER_ANCHOR}).
 *   <li>A row waits for its label: a goal event of its key in {@code (anchor, anchor + horizon]} makes it positive;
 *       once history passes {@code anchor + horizon} without one it is negative.
 *   <li>Once a key reaches the goal, its later anchors (and those at the goal's instant) are left out: the question
 *       is whether a prospect converts, not whether it converts again.
 *   <li>Anchors whose horizon is still open when history ends are censored: left out, or kept as negatives when the
 *       spec says so.
 * </ol>
 *
 * <p>Memory: one profile state per key seen, plus the rows; rows wait in queues only for the horizon.
 */
public final class TrainingSetBuilder {
    private static final int BATCH_EVENTS = 10_000;

    private final CompiledGroup features;
    private final TrainingSetSpec spec;
    private final EventMatcher goal;
    private final EventMatcher anchors;

    public TrainingSetBuilder(CompiledGroup features, TrainingSetSpec spec) {
        AttributeKeyDefinition key = features.attributeKey();
        this.features = features;
        this.spec = spec;
        this.goal = EventMatcher.compile("goal", spec.goal(), key);
        this.anchors = EventMatcher.compile("anchors", spec.anchorEvents(), key);
    }

    /** Replays every event of the warehouse. */
    public TrainingSet build(Warehouse warehouse) {
        try (EventCursor cursor = warehouse.events(EventQuery.all(), BATCH_EVENTS)) {
            return build(new CursorIterator(cursor));
        }
    }

    /**
     * Replays events given in {@code derived_tstamp} order; events without one are skipped.
     *
     * @throws IllegalArgumentException when an event is older than the one before it
     */
    public TrainingSet build(Iterator<EnrichedEvent> eventsByTime) {
        Replay replay = new Replay();
        while (eventsByTime.hasNext()) {
            EnrichedEvent event = eventsByTime.next();
            if (event.derivedTstamp() != null) {
                replay.accept(event);
            }
        }
        return replay.finish();
    }

    private enum Status {
        PENDING,
        POSITIVE,
        NEGATIVE,
        LEFT_OUT
    }

    private static final class Anchor {
        final String key;
        final Instant at;
        final Instant deadline;
        final List<Object> values;
        Status status = Status.PENDING;

        Anchor(String key, Instant at, Instant deadline, List<Object> values) {
            this.key = key;
            this.at = at;
            this.deadline = deadline;
            this.values = values;
        }
    }

    private static final class KeyState {
        final ProfileState profile;
        final Deque<Anchor> pending = new ArrayDeque<>();
        boolean converted;
        long timerGeneration;
        Instant activeUntil;

        KeyState(ProfileState profile) {
            this.profile = profile;
        }
    }

    private record Timer(String key, Instant at, long generation) {}

    /** One pass over history. */
    private final class Replay {
        private final Map<String, KeyState> keys = new HashMap<>();
        private final List<Anchor> anchorsInOrder = new ArrayList<>();
        private final Deque<Anchor> byDeadline = new ArrayDeque<>();
        private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
        private final List<EnrichedEvent> sameInstant = new ArrayList<>();
        private Instant now;
        private long events;
        private long afterConversion;
        private long refusedAfterConversion;

        void accept(EnrichedEvent event) {
            Instant at = event.derivedTstamp();
            if (now != null && at.isBefore(now)) {
                throw new IllegalArgumentException("training set: events must come in derived_tstamp order, got " + at
                        + " after " + now + " (event_id " + event.eventId() + ")");
            }
            if (now == null || at.isAfter(now)) {
                endInstant();
                startInstant(at);
            }
            events++;
            String key = features.keyOf(event);
            if (key == null) {
                return;
            }
            KeyState state = keys.computeIfAbsent(key, k -> new KeyState(features.newState()));
            if (goal.match(event) != null) {
                reachGoal(state, at);
            }
            boolean anchorEvent = anchors.match(event) != null;
            if (spec.featuresAt() == FeatureTime.AFTER_ANCHOR) {
                features.apply(state.profile, event);
            } else {
                sameInstant.add(event);
            }
            if (anchorEvent && spec.every() == null) {
                maybeAnchor(key, state, at);
            }
            if (anchorEvent && spec.every() != null) {
                restartTimer(key, state, at);
            }
        }

        /** History reaches a new instant: settle what the passing of time decides. */
        private void startInstant(Instant at) {
            now = at;
            settleDeadlinesBefore(at);
            fireTimers(at, spec.featuresAt() == FeatureTime.BEFORE_ANCHOR);
        }

        /** Every event of the current instant has been seen. */
        private void endInstant() {
            for (EnrichedEvent event : sameInstant) {
                features.apply(keys.get(features.keyOf(event)).profile, event);
            }
            sameInstant.clear();
            if (now != null && spec.featuresAt() == FeatureTime.AFTER_ANCHOR) {
                fireTimers(now, true);
            }
        }

        private void reachGoal(KeyState state, Instant at) {
            while (!state.pending.isEmpty()) {
                Anchor anchor = state.pending.poll();
                if (anchor.status != Status.PENDING) {
                    continue;
                }
                if (anchor.at.isBefore(at)) {
                    anchor.status = Status.POSITIVE;
                } else {
                    anchor.status = Status.LEFT_OUT;
                    afterConversion++;
                }
            }
            state.converted = true;
        }

        private void maybeAnchor(String key, KeyState state, Instant at) {
            if (state.converted) {
                afterConversion++;
                refusedAfterConversion++;
                return;
            }
            Map<String, Object> served = features.servedValues(state.profile, at);
            List<Object> values = served == null
                    ? Collections.nCopies(features.attributeNames().size(), null)
                    : Collections.unmodifiableList(new ArrayList<>(served.values()));
            Anchor anchor = new Anchor(key, at, at.plus(spec.horizon()), values);
            anchorsInOrder.add(anchor);
            byDeadline.add(anchor);
            state.pending.add(anchor);
        }

        private void restartTimer(String key, KeyState state, Instant at) {
            state.timerGeneration++;
            state.activeUntil = at.plus(spec.activeFor());
            timers.add(new Timer(key, at.plus(spec.every()), state.timerGeneration));
        }

        /** Fires the timers due before {@code at}, or at it too when {@code inclusive}. */
        private void fireTimers(Instant at, boolean inclusive) {
            while (!timers.isEmpty()) {
                Timer timer = timers.peek();
                int order = timer.at().compareTo(at);
                if (order > 0 || (order == 0 && !inclusive)) {
                    return;
                }
                timers.poll();
                KeyState state = keys.get(timer.key());
                if (timer.generation() != state.timerGeneration) {
                    continue;
                }
                maybeAnchor(timer.key(), state, timer.at());
                Instant next = timer.at().plus(spec.every());
                if (!next.isAfter(state.activeUntil)) {
                    timers.add(new Timer(timer.key(), next, timer.generation()));
                }
            }
        }

        /** Rows whose horizon closed before {@code at} without a goal are negative. */
        private void settleDeadlinesBefore(Instant at) {
            while (!byDeadline.isEmpty() && byDeadline.peek().deadline.isBefore(at)) {
                Anchor anchor = byDeadline.poll();
                if (anchor.status == Status.PENDING) {
                    anchor.status = Status.NEGATIVE;
                }
            }
        }

        TrainingSet finish() {
            endInstant();
            if (spec.every() != null && now != null) {
                fireTimers(Instant.MAX, true);
            }
            long censored = 0;
            for (Anchor anchor : byDeadline) {
                if (anchor.status != Status.PENDING) {
                    continue;
                }
                boolean horizonSeen = now != null && !anchor.deadline.isAfter(now);
                if (horizonSeen || spec.keepCensored()) {
                    anchor.status = Status.NEGATIVE;
                } else {
                    anchor.status = Status.LEFT_OUT;
                    censored++;
                }
            }
            List<TrainingRow> rows = new ArrayList<>();
            for (Anchor anchor : anchorsInOrder) {
                if (anchor.status == Status.POSITIVE || anchor.status == Status.NEGATIVE) {
                    rows.add(new TrainingRow(anchor.key, anchor.at, anchor.values, anchor.status == Status.POSITIVE));
                }
            }
            long seen = anchorsInOrder.size() + refusedAfterConversion;
            return new TrainingSet(features.definition(), rows, seen, afterConversion, censored, events);
        }
    }

    /** The warehouse's batches as one iterator. */
    private static final class CursorIterator implements Iterator<EnrichedEvent> {
        private final EventCursor cursor;
        private Iterator<EnrichedEvent> batch = Collections.emptyIterator();
        private boolean done;

        CursorIterator(EventCursor cursor) {
            this.cursor = cursor;
        }

        @Override
        public boolean hasNext() {
            while (!batch.hasNext() && !done) {
                List<EnrichedEvent> next = cursor.nextBatch();
                done = next.isEmpty();
                batch = next.iterator();
            }
            return batch.hasNext();
        }

        @Override
        public EnrichedEvent next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return batch.next();
        }
    }
}
