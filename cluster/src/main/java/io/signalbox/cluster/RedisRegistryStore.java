package io.signalbox.cluster;

import io.signalbox.engine.registry.RegistryEntry;
import io.signalbox.engine.registry.RegistryKind;
import io.signalbox.engine.registry.RegistryStore;
import io.signalbox.events.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry shared by every node of a cluster: one Redis hash, {@code <namespace>:registry}, field {@code
 * <kind>/<name>/<version>}, value the definition's JSON. Every write is announced on the channel {@code
 * <namespace>:registry-changes}, and each node tells its listeners, so a definition published on one node takes
 * effect on all of them. A node that loses its subscription tells its listeners about every entry once it is back,
 * so nothing published meanwhile is missed. Give Redis an append-only file so that definitions survive its restart.
 */
public final class RedisRegistryStore implements RegistryStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRegistryStore.class);
    private static final Duration RESUBSCRIBE_PAUSE = Duration.ofSeconds(1);

    private final RedisClient redis;
    private final String hash;
    private final String channel;
    private final String nodeId = UUID.randomUUID().toString();
    private final List<Consumer<RegistryChange>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private volatile Changes changes;
    private final Thread subscriber;

    /**
     * Connects and subscribes to the changes of other nodes.
     *
     * @throws ClusterException when Redis cannot be reached within 30 s
     */
    RedisRegistryStore(RedisClient redis, ClusterSettings settings) {
        this.redis = redis;
        this.hash = settings.redisPrefix() + "registry";
        this.channel = settings.redisPrefix() + "registry-changes";
        this.subscriber = Thread.ofPlatform().name("registry-changes").daemon().start(this::listen);
        try {
            if (!subscribed.await(30, TimeUnit.SECONDS)) {
                close();
                throw new ClusterException(
                        "cannot subscribe to registry changes on Redis at " + settings.redisAddress() + " within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while subscribing to registry changes", e);
        }
    }

    private static String field(RegistryKind kind, String name, int version) {
        return String.format("%s/%s/%07d", kind.pathName(), name, version);
    }

    @Override
    public Optional<RegistryEntry> get(RegistryKind kind, String name, int version) {
        String json = call(() -> redis.hget(hash, field(kind, name, version)));
        return json == null ? Optional.empty() : Optional.of(new RegistryEntry(kind, name, version, json));
    }

    @Override
    public List<RegistryEntry> versions(RegistryKind kind, String name) {
        return list(kind).stream().filter(entry -> entry.name().equals(name)).toList();
    }

    @Override
    public List<RegistryEntry> list(RegistryKind kind) {
        Map<String, String> all = call(() -> redis.hgetAll(hash));
        List<RegistryEntry> entries = new ArrayList<>();
        String prefix = kind.pathName() + "/";
        all.forEach((field, json) -> {
            if (field.startsWith(prefix)) {
                int lastSlash = field.lastIndexOf('/');
                String name = field.substring(prefix.length(), lastSlash);
                int version = Integer.parseInt(field.substring(lastSlash + 1));
                entries.add(new RegistryEntry(kind, name, version, json));
            }
        });
        entries.sort(Comparator.comparing(RegistryEntry::name).thenComparingInt(RegistryEntry::version));
        return entries;
    }

    @Override
    public void put(RegistryEntry entry) {
        call(() -> redis.hset(hash, field(entry.kind(), entry.name(), entry.version()), entry.json()));
        announce(entry, false);
    }

    @Override
    public boolean delete(RegistryKind kind, String name, int version) {
        Optional<RegistryEntry> existing = get(kind, name, version);
        if (existing.isEmpty()) {
            return false;
        }
        call(() -> redis.hdel(hash, field(kind, name, version)));
        announce(existing.get(), true);
        return true;
    }

    @Override
    public void addListener(Consumer<RegistryChange> listener) {
        listeners.add(listener);
    }

    private void announce(RegistryEntry entry, boolean deleted) {
        notifyListeners(new RegistryChange(entry, deleted));
        ObjectNode message = Json.NODES
                .objectNode()
                .put("node", nodeId)
                .put("kind", entry.kind().name())
                .put("name", entry.name())
                .put("version", entry.version())
                .put("deleted", deleted)
                .put("json", entry.json());
        call(() -> redis.publish(channel, Json.write(message)));
    }

    private void notifyListeners(RegistryChange change) {
        for (Consumer<RegistryChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn(
                        "A registry listener failed on {} {}: {}",
                        change.entry().kind(),
                        change.entry().name(),
                        e.toString());
            }
        }
    }

    private void listen() {
        boolean first = true;
        while (running.get()) {
            try {
                if (!first) {
                    resync();
                }
                first = false;
                changes = new Changes();
                redis.subscribe(changes, channel);
            } catch (JedisException e) {
                if (running.get()) {
                    LOG.warn("Lost the registry-changes subscription, resubscribing: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    /** After a lost subscription: every entry may have changed meanwhile. */
    private void resync() {
        for (RegistryKind kind : RegistryKind.values()) {
            for (RegistryEntry entry : list(kind)) {
                notifyListeners(new RegistryChange(entry, false));
            }
        }
    }

    private final class Changes extends JedisPubSub {
        @Override
        public void onSubscribe(String subscribedChannel, int count) {
            subscribed.countDown();
        }

        @Override
        public void onMessage(String fromChannel, String text) {
            try {
                JsonNode message = Json.parse(text);
                if (nodeId.equals(message.get("node").asString())) {
                    return;
                }
                RegistryEntry entry = new RegistryEntry(
                        RegistryKind.valueOf(message.get("kind").asString()),
                        message.get("name").asString(),
                        message.get("version").asInt(),
                        message.get("json").asString());
                notifyListeners(new RegistryChange(entry, message.get("deleted").asBoolean()));
            } catch (RuntimeException e) {
                LOG.warn("Ignoring a malformed registry change: {}", e.toString());
            }
        }
    }

    private static <T> T call(java.util.function.Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new ClusterException("the registry on Redis cannot be reached: " + e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RESUBSCRIBE_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the subscription. */
    @Override
    public void close() {
        running.set(false);
        try {
            Changes current = changes;
            if (current != null && current.isSubscribed()) {
                current.unsubscribe();
            }
        } catch (RuntimeException e) {
            LOG.debug("Unsubscribing from registry changes failed: {}", e.toString());
        }
        try {
            subscriber.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
