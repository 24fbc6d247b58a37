package io.signalbox.api.interventions;

import io.signalbox.api.metrics.ApiMetrics;
import io.signalbox.events.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who listens for which targets, and delivery to them. A subscriber is one open event stream that listens for one
 * or more targets; one delivery reaches each subscriber at most once, however many of its targets it names, since
 * neither Signals client removes duplicates.
 *
 * <p>Delivery is live, with one exception. A pushed intervention for targets nobody listens to is not kept: the push
 * reports it undelivered, as Signals does. A rule intervention that finds nobody is held for a short time (15 s by
 * default, see {@link HeldInterventions}) and sent to the first stream that subscribes to one of its targets: a rule
 * that fires on a page view fires while the page that sent it is still opening its stream. And since the stream of a
 * page the visitor has just left still takes a write, each stream a rule intervention went to is written to again
 * 300 ms later; when that fails, the intervention goes to the targets' other streams or into the hold, for the page
 * the visitor moved to (a page left within those 300 ms after receiving it may so get it twice).
 *
 * <p>Sends run on virtual threads, so a slow client never holds up the engine; a client with too many sends waiting
 * is disconnected (its browser reconnects by itself). Every subscriber gets a comment line every 5 seconds, which
 * keeps proxies from closing the stream and finds connections that have gone: a stream whose client left is noticed
 * at the next write, so for up to a few seconds it still counts as a subscriber and a push to it still reports
 * success.
 */
public final class InterventionHub implements InterventionSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InterventionHub.class);
    private static final long PING_SECONDS = 5;
    private static final int MAX_QUEUED_SENDS = 256;

    /** How long after a rule intervention's write its stream is written to again, to find a page that has gone. */
    private static final long DELIVERY_CHECK_MILLIS = 300;

    private static final long DROP_WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** How long a rule intervention that found no stream waits for one unless given. */
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(15);

    private final Map<Target, Set<Subscriber>> byTarget = new ConcurrentHashMap<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("intervention-pings").daemon().factory());
    private final LongAdder delivered = new LongAdder();
    private final LongAdder undelivered = new LongAdder();
    private final LongAdder deliveredFromHold = new LongAdder();
    private final LongSupplier nanoTime;
    /** Guards {@link #held} and makes "nobody listens, so hold" and "register, then take what is held" exclusive. */
    private final ReentrantLock holdLock = new ReentrantLock();

    private final HeldInterventions held;
    private final DeliveryClaims claims;
    private long lastDropWarningNanos;

    /** One open stream and the targets it listens for. */
    final class Subscriber {
        private final SseConnection connection;
        private final List<Target> targets;
        private final AtomicInteger queued = new AtomicInteger();

        private Subscriber(SseConnection connection, List<Target> targets) {
            this.connection = connection;
            this.targets = List.copyOf(targets);
        }

        private void send(String json) {
            send(json, null);
        }

        /** Sends on a virtual thread; {@code afterSent}, when given, runs there once the write succeeded. */
        private void send(String json, Runnable afterSent) {
            if (queued.incrementAndGet() > MAX_QUEUED_SENDS) {
                LOG.warn("Closing a slow intervention subscriber: {} sends waiting", MAX_QUEUED_SENDS);
                unsubscribe(this);
                return;
            }
            senders.execute(() -> {
                queued.decrementAndGet();
                if (!connection.sendData(json)) {
                    unsubscribe(this);
                } else if (afterSent != null) {
                    afterSent.run();
                }
            });
        }
    }

    public InterventionHub() {
        this(DEFAULT_HOLD, System::nanoTime, DeliveryClaims.LOCAL);
    }

    /**
     * A hub that holds rule interventions for {@code hold} (zero: not at all), reading time from {@code nanoTime}, and
     * agreeing with other nodes through {@code claims} which of them sends a held one.
     */
    public InterventionHub(Duration hold, LongSupplier nanoTime, DeliveryClaims claims) {
        this.held = new HeldInterventions(hold);
        this.nanoTime = nanoTime;
        this.claims = claims;
        this.lastDropWarningNanos = nanoTime.getAsLong() - DROP_WARNING_INTERVAL_NANOS;
        pinger.scheduleAtFixedRate(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
    }

    /** Registers an open stream for its targets, and sends it the rule interventions held for them. */
    Subscriber subscribe(SseConnection connection, List<Target> targets) {
        Subscriber subscriber = new Subscriber(connection, targets);
        List<HeldInterventions.Held> waiting;
        holdLock.lock();
        try {
            subscribers.add(subscriber);
            for (Target target : subscriber.targets) {
                byTarget.computeIfAbsent(target, t -> ConcurrentHashMap.newKeySet())
                        .add(subscriber);
            }
            waiting = held.take(subscriber.targets, nanoTime.getAsLong());
        } finally {
            holdLock.unlock();
        }
        for (HeldInterventions.Held intervention : waiting) {
            if (!claims.claimHeld(idOf(intervention.payload()))) {
                continue;
            }
            Target target = intervention.targets().stream()
                    .filter(subscriber.targets::contains)
                    .findFirst()
                    .orElseThrow();
            subscriber.send(withTarget(intervention.payload(), target));
            delivered.increment();
            deliveredFromHold.increment();
        }
        return subscriber;
    }

    /** Removes a subscriber and closes its stream. */
    void unsubscribe(Subscriber subscriber) {
        if (!subscribers.remove(subscriber)) {
            return;
        }
        for (Target target : subscriber.targets) {
            byTarget.computeIfPresent(target, (t, set) -> {
                set.remove(subscriber);
                return set.isEmpty() ? null : set;
            });
        }
        subscriber.connection.close();
    }

    @Override
    public boolean hasSubscribers(List<Target> targets) {
        for (Target target : targets) {
            if (byTarget.containsKey(target)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends an intervention to every subscriber of the targets, once per subscriber, with {@code
     * target_attribute_key} set to the first of the targets that subscriber listens for.
     *
     * @param payload the intervention instance without {@code target_attribute_key}
     * @return how many subscribers it was sent to
     */
    @Override
    public int deliver(ObjectNode payload, List<Target> targets) {
        Map<Subscriber, Target> recipients = recipients(targets);
        if (recipients.isEmpty()) {
            undelivered.increment();
            return 0;
        }
        return send(payload, recipients);
    }

    /**
     * Sends a rule intervention as {@link #deliver} does, or, when nobody listens for its targets, holds it for the
     * first stream that subscribes to one of them.
     *
     * @return how many subscribers it was sent to now: 0 when it is held
     */
    @Override
    public int deliverOrHold(ObjectNode payload, List<Target> targets) {
        Map<Subscriber, Target> recipients;
        holdLock.lock();
        try {
            recipients = recipients(targets);
            if (recipients.isEmpty()) {
                hold(payload, targets);
                return 0;
            }
        } finally {
            holdLock.unlock();
        }
        claims.sentLive(idOf(payload));
        Set<Subscriber> sentTo = Set.copyOf(recipients.keySet());
        AtomicBoolean resent = new AtomicBoolean();
        recipients.forEach((subscriber, target) -> subscriber.send(
                withTarget(payload, target),
                () -> later(() -> checkSent(subscriber, payload, targets, sentTo, resent))));
        delivered.add(recipients.size());
        return recipients.size();
    }

    /** Runs the task on a virtual thread after the delivery check's delay, unless the hub has closed by then. */
    private void later(Runnable task) {
        try {
            pinger.schedule(
                    () -> {
                        try {
                            senders.execute(task);
                        } catch (RejectedExecutionException closing) {
                            // the hub closed its streams: nothing left to check
                        }
                    },
                    DELIVERY_CHECK_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // as above
        }
    }

    /**
     * Writes to a stream a rule intervention went to, shortly after: a write to a stream whose page has gone succeeds
     * once (the client's side answers it with a reset), so the page that navigated away a moment before the rule
     * fired is found here. The intervention then goes, once, to the streams of its targets it did not reach, or is
     * held for the next one: the page the visitor moved to.
     */
    private void checkSent(
            Subscriber subscriber,
            ObjectNode payload,
            List<Target> targets,
            Set<Subscriber> sentTo,
            AtomicBoolean resent) {
        if (subscriber.connection.sendComment("sent")) {
            return;
        }
        unsubscribe(subscriber);
        if (!resent.compareAndSet(false, true)) {
            return;
        }
        Map<Subscriber, Target> others;
        holdLock.lock();
        try {
            others = recipients(targets);
            others.keySet().removeAll(sentTo);
            if (others.isEmpty()) {
                // Under the lock, so that no stream takes the held copy before its claim is given back.
                claims.unsent(idOf(payload));
                hold(payload, targets);
                return;
            }
        } finally {
            holdLock.unlock();
        }
        send(payload, others);
    }

    /** Holds an intervention, under {@link #holdLock}; a full hold drops its oldest, with a WARN a minute at most. */
    private void hold(ObjectNode payload, List<Target> targets) {
        long droppedBefore = held.droppedCount();
        long now = nanoTime.getAsLong();
        held.hold(payload, targets, now);
        long dropped = held.droppedCount();
        if (dropped > droppedBefore && now - lastDropWarningNanos >= DROP_WARNING_INTERVAL_NANOS) {
            lastDropWarningNanos = now;
            LOG.warn(
                    "Intervention hold full: dropped the oldest held interventions, dropped_total=[{}] targets=[{}]",
                    dropped,
                    held.targetCount());
        }
    }

    /** Each subscriber of the targets, with the first of the targets it listens for. */
    private Map<Subscriber, Target> recipients(List<Target> targets) {
        Map<Subscriber, Target> recipients = new LinkedHashMap<>();
        for (Target target : targets) {
            Set<Subscriber> listening = byTarget.get(target);
            if (listening != null) {
                listening.forEach(subscriber -> recipients.putIfAbsent(subscriber, target));
            }
        }
        return recipients;
    }

    private int send(ObjectNode payload, Map<Subscriber, Target> recipients) {
        recipients.forEach((subscriber, target) -> subscriber.send(withTarget(payload, target)));
        delivered.add(recipients.size());
        return recipients.size();
    }

    /** The id the delivery claims know an intervention by. */
    private static String idOf(ObjectNode payload) {
        return payload.path("intervention_id").asString();
    }

    private static String withTarget(ObjectNode payload, Target target) {
        ObjectNode copy = payload.deepCopy();
        copy.putObject("target_attribute_key").put("name", target.keyName()).put("id", target.id());
        return Json.write(copy);
    }

    /** The targets someone listens for now. */
    public Set<Target> targets() {
        return Set.copyOf(byTarget.keySet());
    }

    /** Open streams. */
    public int subscriberCount() {
        return subscribers.size();
    }

    /** Interventions sent to a subscriber since start. */
    public long deliveredCount() {
        return delivered.sum();
    }

    /** Pushed interventions that found no subscriber since start. */
    public long undeliveredCount() {
        return undelivered.sum();
    }

    /** Rule interventions sent to a stream that subscribed after they fired, since start. */
    public long deliveredFromHoldCount() {
        return deliveredFromHold.sum();
    }

    /** Held rule interventions dropped before their time because the hold was full, since start. */
    public long holdDroppedCount() {
        holdLock.lock();
        try {
            return held.droppedCount();
        } finally {
            holdLock.unlock();
        }
    }

    /** Targets with a rule intervention held for them now. */
    public int heldTargetCount() {
        holdLock.lock();
        try {
            return held.targetCount();
        } finally {
            holdLock.unlock();
        }
    }

    /**
     * Registers the hub's meters: open streams, interventions sent, sent from the hold, and targets with one held. The
     * node registers its own count of undelivered pushes, which in a cluster spans the nodes.
     */
    public void registerMeters(ApiMetrics metrics) {
        metrics.gauge(
                "signalbox_intervention_subscribers",
                "Open intervention streams",
                this,
                InterventionHub::subscriberCount);
        metrics.counter(
                "signalbox_interventions_delivered", "Interventions sent to a subscriber", this::deliveredCount);
        metrics.counter(
                "signalbox_interventions_delivered_from_hold",
                "Rule interventions sent to a stream that subscribed after they fired",
                this::deliveredFromHoldCount);
        metrics.counter(
                "signalbox_interventions_hold_dropped",
                "Held rule interventions dropped before their time because the hold was full",
                this::holdDroppedCount);
        metrics.gauge(
                "signalbox_interventions_held_targets",
                "Targets with a rule intervention held for their next stream",
                this,
                InterventionHub::heldTargetCount);
    }

    private void ping() {
        for (Subscriber subscriber : new ArrayList<>(subscribers)) {
            senders.execute(() -> {
                if (!subscriber.connection.sendComment("ping")) {
                    unsubscribe(subscriber);
                }
            });
        }
    }

    /** Closes every stream. */
    @Override
    public void close() {
        pinger.shutdownNow();
        new ArrayList<>(subscribers).forEach(this::unsubscribe);
        senders.shutdown();
    }
}
