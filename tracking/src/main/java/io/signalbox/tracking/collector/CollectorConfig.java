package io.signalbox.tracking.collector;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the collector's HTTP endpoints behave.
 *
 * @param name the collector name stored in {@code v_collector}
 * @param cookie the network-user cookie
 * @param pathAliases extra two-segment paths mapped to a built-in one, such as {@code /com.acme/track} to {@code
 *     /com.snowplowanalytics.snowplow/tp2}
 * @param dropPayloadBytes bodies larger than this get 413 and are not stored
 * @param corsMaxAge how long browsers may cache a preflight answer
 * @param acknowledgeTimeout how long a request waits for the sink before it gets 503
 * @param maxInFlightBytes the most bytes of tracking requests (body and query string) held at once, being enriched or
 *     waiting for the sink; a request that would go past it gets 503 with {@code Retry-After} without being read
 */
public record CollectorConfig(
        String name,
        CookieConfig cookie,
        Map<String, String> pathAliases,
        long dropPayloadBytes,
        Duration corsMaxAge,
        Duration acknowledgeTimeout,
        long maxInFlightBytes) {

    /** The built-in tracker-protocol path for POST batches and query-string events. */
    public static final String TP2_PATH = "/com.snowplowanalytics.snowplow/tp2";

    /** The built-in redirect path. */
    public static final String REDIRECT_PATH = "/r/tp2";

    /** The built-in Iglu webhook path. */
    public static final String IGLU_PATH = "/com.snowplowanalytics.iglu/v1";

    public CollectorConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cookie, "cookie");
        pathAliases = pathAliases == null ? Map.of() : Map.copyOf(pathAliases);
        pathAliases.forEach((alias, target) -> {
            if (!alias.matches("/[^/]+/[^/]+")) {
                throw new IllegalArgumentException("a collector path alias must have two segments, was " + alias);
            }
            if (!target.equals(TP2_PATH) && !target.equals(REDIRECT_PATH) && !target.equals(IGLU_PATH)) {
                throw new IllegalArgumentException("collector path alias " + alias + " must point at " + TP2_PATH + ", "
                        + REDIRECT_PATH + " or " + IGLU_PATH + ", was " + target);
            }
        });
        if (dropPayloadBytes <= 0) {
            throw new IllegalArgumentException("dropPayloadBytes must be positive, was " + dropPayloadBytes);
        }
        if (maxInFlightBytes <= 0) {
            throw new IllegalArgumentException("maxInFlightBytes must be positive, was " + maxInFlightBytes);
        }
    }

    /** The default bound on tracking requests held at once: 32 MiB. */
    public static final long DEFAULT_MAX_IN_FLIGHT_BYTES = 32L << 20;

    /** Defaults: 2 MiB drop limit, one-hour preflight cache, 10 s acknowledgement timeout, 32 MiB in flight. */
    public static CollectorConfig defaults(String collectorName) {
        return new CollectorConfig(
                collectorName,
                CookieConfig.defaults(),
                Map.of(),
                2L * 1024 * 1024,
                Duration.ofHours(1),
                Duration.ofSeconds(10),
                DEFAULT_MAX_IN_FLIGHT_BYTES);
    }
}
