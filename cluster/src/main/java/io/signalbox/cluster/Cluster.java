package io.signalbox.cluster;

import io.signalbox.engine.profile.ProfileStore;
import io.signalbox.engine.registry.RegistryStore;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A node's connection to the cluster's Redis, and the shared stores on it: the registry every node reads and
 * writes, and the profiles the engine's materialiser writes and the API nodes read.
 */
public final class Cluster implements AutoCloseable {
    private final ClusterSettings settings;
    private final RedisClient redis;
    private final RedisRegistryStore registry;
    private final RedisProfileStore profiles;

    private Cluster(ClusterSettings settings, RedisClient redis) {
        this.settings = settings;
        this.redis = redis;
        this.registry = new RedisRegistryStore(redis, settings);
        this.profiles = new RedisProfileStore(redis, settings);
    }

    /**
     * Connects to Redis and checks that it answers.
     *
     * @throws ClusterException naming the address when it does not
     */
    public static Cluster connect(ClusterSettings settings) {
        RedisClient redis = RedisAddress.parse(settings.redisAddress()).client();
        try {
            redis.ping();
        } catch (JedisException e) {
            redis.close();
            throw new ClusterException(
                    "Redis at " + settings.redisAddress() + " does not answer: " + e.getMessage(), e);
        }
        return new Cluster(settings, redis);
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** The shared registry. */
    public RegistryStore registryStore() {
        return registry;
    }

    /** The profiles as materialised from the engine. */
    public ProfileStore profileStore() {
        return profiles;
    }

    /** The pooled Redis client, for the parts that need it. */
    public RedisClient redis() {
        return redis;
    }

    @Override
    public void close() {
        registry.close();
        redis.close();
    }
}
