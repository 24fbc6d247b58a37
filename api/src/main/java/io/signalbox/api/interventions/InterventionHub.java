package io.signalbox.api.interventions;

import io.signalbox.events.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who listens for which targets, and delivery to them. A subscriber is one open event stream that listens for one
 * or more targets; one delivery reaches each subscriber at most once, however many of its targets it names, since
 * neither Signals client removes duplicates.
 *
 * <p>Delivery is live only: an intervention for a target nobody listens to is not kept. Sends run on virtual threads,
 * so a slow client never holds up the engine; a client with too many sends waiting is disconnected (its browser
 * reconnects by itself). Every subscriber gets a comment line every 5 seconds, which keeps proxies from closing the
 * stream and finds connections that have gone: a stream whose client left is noticed at the next write, so for up
 * to a few seconds it still counts as a subscriber and a push to it still reports success.
 */
public final class InterventionHub implements InterventionSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InterventionHub.class);
    private static final long PING_SECONDS = 5;
    private static final int MAX_QUEUED_SENDS = 256;

    private final Map<Target, Set<Subscriber>> byTarget = new ConcurrentHashMap<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("intervention-pings").daemon().factory());
    private final LongAdder delivered = new LongAdder();
    private final LongAdder undelivered = new LongAdder();

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
            if (queued.incrementAndGet() > MAX_QUEUED_SENDS) {
                LOG.warn("Closing a slow intervention subscriber: {} sends waiting", MAX_QUEUED_SENDS);
                unsubscribe(this);
                return;
            }
            senders.execute(() -> {
                queued.decrementAndGet();
                if (!connection.sendData(json)) {
                    unsubscribe(this);
                }
            });
        }
    }

    public InterventionHub() {
        pinger.scheduleAtFixedRate(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
    }

    /** Registers an open stream for its targets. */
    Subscriber subscribe(SseConnection connection, List<Target> targets) {
        Subscriber subscriber = new Subscriber(connection, targets);
        subscribers.add(subscriber);
        for (Target target : subscriber.targets) {
            byTarget.computeIfAbsent(target, t -> ConcurrentHashMap.newKeySet()).add(subscriber);
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
        Map<Subscriber, Target> recipients = new LinkedHashMap<>();
        for (Target target : targets) {
            Set<Subscriber> listening = byTarget.get(target);
            if (listening != null) {
                listening.forEach(subscriber -> recipients.putIfAbsent(subscriber, target));
            }
        }
        if (recipients.isEmpty()) {
            undelivered.increment();
            return 0;
        }
        recipients.forEach((subscriber, target) -> {
            ObjectNode copy = payload.deepCopy();
            copy.putObject("target_attribute_key").put("name", target.keyName()).put("id", target.id());
            subscriber.send(Json.write(copy));
        });
        delivered.add(recipients.size());
        return recipients.size();
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

    /** Interventions that found no subscriber since start. */
    public long undeliveredCount() {
        return undelivered.sum();
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
