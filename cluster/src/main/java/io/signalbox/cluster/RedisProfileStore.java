package io.signalbox.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.engine.profile.ProfileKeys;
import io.signalbox.engine.profile.ProfileStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Profiles in Redis, as the {@link ProfileMaterialiser} writes them: key {@code <namespace>:p:<group>\0<key>},
 * value the sixteen hex digits of the changelog offset that wrote it, then the encoded state. A value of the offset
 * alone marks a deleted profile. Stateless API nodes read it; values are computed at read time from the state.
 */
public final class RedisProfileStore implements ProfileStore {
    /** Length of the offset prefix of every stored value. */
    static final int OFFSET_CHARS = 16;

    private final RedisClient redis;
    private final byte[] prefix;

    RedisProfileStore(RedisClient redis, ClusterSettings settings) {
        this.redis = redis;
        this.prefix = (settings.redisPrefix() + "p:").getBytes(UTF_8);
    }

    /** The Redis key of a profile store key. */
    static byte[] redisKey(byte[] prefix, byte[] storeKey) {
        byte[] key = Arrays.copyOf(prefix, prefix.length + storeKey.length);
        System.arraycopy(storeKey, 0, key, prefix.length, storeKey.length);
        return key;
    }

    @Override
    public byte[] get(String groupFullName, String key) {
        try {
            return state(redis.get(redisKey(prefix, ProfileKeys.of(groupFullName, key))));
        } catch (JedisException e) {
            throw new ClusterException("cannot read a profile from Redis: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, byte[]> getAll(String groupFullName, List<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        byte[][] redisKeys = new byte[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            redisKeys[i] = redisKey(prefix, ProfileKeys.of(groupFullName, keys.get(i)));
        }
        List<byte[]> values;
        try {
            values = redis.mget(redisKeys);
        } catch (JedisException e) {
            throw new ClusterException("cannot read profiles from Redis: " + e.getMessage(), e);
        }
        Map<String, byte[]> found = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byte[] state = state(values.get(i));
            if (state != null) {
                found.put(keys.get(i), state);
            }
        }
        return found;
    }

    /** The state of a stored value, or null for none or a deletion marker. */
    private static byte[] state(byte[] stored) {
        if (stored == null || stored.length <= OFFSET_CHARS) {
            return null;
        }
        return Arrays.copyOfRange(stored, OFFSET_CHARS, stored.length);
    }
}
