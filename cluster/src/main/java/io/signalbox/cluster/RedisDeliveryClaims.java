package io.signalbox.cluster;

import io.signalbox.api.interventions.DeliveryClaims;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Held rule interventions sent once across the API nodes, through one Redis key per intervention, {@code
 * <namespace>:sent:<intervention_id>}: a live send sets it, a held copy is sent only by the node that creates it, and
 * a live send found lost (its stream had gone) deletes it again. The key outlives any hold. When Redis cannot be
 * reached a held copy is sent anyway: a rare duplicate is better than an intervention lost.
 */
public final class RedisDeliveryClaims implements DeliveryClaims {
    private static final Logger LOG = LoggerFactory.getLogger(RedisDeliveryClaims.class);
    private static final Duration KEEP = Duration.ofMinutes(5);

    private final RedisClient redis;
    private final String prefix;

    public RedisDeliveryClaims(ClusterSettings settings, RedisClient redis) {
        this.redis = redis;
        this.prefix = settings.redisPrefix() + "sent:";
    }

    @Override
    public void sentLive(String interventionId) {
        try {
            redis.set(prefix + interventionId, "live", SetParams.setParams().px(KEEP.toMillis()));
        } catch (RuntimeException e) {
            LOG.warn(
                    "Cannot record a live intervention in Redis; another node may send its held copy: {}",
                    e.toString());
        }
    }

    @Override
    public void unsent(String interventionId) {
        try {
            redis.del(prefix + interventionId);
        } catch (RuntimeException e) {
            LOG.warn("Cannot release a lost intervention in Redis; only this node may re-send it: {}", e.toString());
        }
    }

    @Override
    public boolean claimHeld(String interventionId) {
        try {
            return "OK"
                    .equals(redis.set(
                            prefix + interventionId,
                            "held",
                            SetParams.setParams().nx().px(KEEP.toMillis())));
        } catch (RuntimeException e) {
            LOG.warn("Cannot claim a held intervention in Redis; sending it: {}", e.toString());
            return true;
        }
    }
}
