package io.signalbox.app;

import io.signalbox.api.ApiConfig;
import io.signalbox.attributes.IsoDurations;
import io.signalbox.tracking.EnricherConfig;
import io.signalbox.tracking.collector.CollectorConfig;
import io.signalbox.tracking.collector.CookieConfig;
import io.signalbox.tracking.micro.InspectionStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The optional configuration file of {@code signalbox run --config FILE} (YAML or JSON) for what has more knobs than
 * the command line should carry. Every key is optional; unknown keys are refused, so a typo is reported rather than
 * ignored. Durations are ISO-8601 ({@code P365D}, {@code PT1H}).
 *
 * <pre>
 * collector:
 *   cookie: {enabled: true, name: sp, domains: [acme.io], fallback_domain: acme.io, expiration: P365D,
 *            same_site: None, secure: true, http_only: true}
 *   path_aliases: {/com.acme/track: /com.snowplowanalytics.snowplow/tp2}
 *   drop_payload_bytes: 2097152
 *   cors_max_age: PT1H
 *   max_in_flight_bytes: 33554432
 * enrichment:
 *   internal_domains: [acme.io, docs.acme.io]
 *   ip_anonymisation: {ipv4_octets: 1, ipv6_segments: 2}
 *   fingerprint: false
 *   user_agent_parsing: true
 *   click_ids: {gbraid: Google}
 *   iglu: {local_repositories: [/etc/iglu], remote_repositories: ["http://iglu.internal"]}
 * api:
 *   cors_origins: ["https://www.acme.io"]
 * event_log:
 *   max_pending_bytes: 268435456
 *   min_free_disk_bytes: 268435456
 * site:
 *   poll_seconds: 10
 * inspection:
 *   capacity: 1000
 * </pre>
 *
 * @param collector the collector's settings
 * @param enrichment the enricher's settings
 * @param api the API's settings
 * @param maxPendingLogBytes bytes of appends that may wait for the event log's disk; past it the collector answers 503
 *     with {@code Retry-After} (key {@code event_log.max_pending_bytes}, default 256 MiB)
 * @param minFreeDiskBytes free space the event log's disk keeps; below it the collector answers 503 with {@code
 *     Retry-After} until space is freed (key {@code event_log.min_free_disk_bytes}, default 256 MiB; 0 turns the check
 *     off)
 * @param sitePollSeconds how often the demo site's pages ask {@code /predict} for their visitor's score (key {@code
 *     site.poll_seconds}, default 10)
 * @param inspectionCapacity how many good and how many bad events the inspection endpoints ({@code /micro/…}) keep
 *     (key {@code inspection.capacity}, default {@link InspectionStore#DEFAULT_CAPACITY}, at most {@value
 *     #MAX_INSPECTION_CAPACITY}): the kept events are copied at every young collection, so a larger ring costs GC
 *     pauses under load
 */
public record ConfigFile(
        CollectorConfig collector,
        EnricherConfig enrichment,
        ApiConfig api,
        long maxPendingLogBytes,
        long minFreeDiskBytes,
        int sitePollSeconds,
        int inspectionCapacity) {
    /** The default bound on event-log appends waiting for the disk, past which the collector answers 503. */
    public static final long DEFAULT_MAX_PENDING_LOG_BYTES = 256L << 20;

    /** The default free space kept on the event log's disk, below which the collector answers 503. */
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 256L << 20;

    /** The default interval of the demo site's score polls. */
    public static final int DEFAULT_SITE_POLL_SECONDS = 10;

    private static final int MAX_SITE_POLL_SECONDS = 3_600;

    /** The most events of each kind inspection may be set to keep. */
    public static final int MAX_INSPECTION_CAPACITY = 100_000;

    private static final long MAX_BYTES = 1 << 20;

    /** The defaults, as without a file. */
    public static ConfigFile defaults(String collectorName) {
        return new ConfigFile(
                CollectorConfig.defaults(collectorName),
                EnricherConfig.defaults(),
                ApiConfig.defaults(),
                DEFAULT_MAX_PENDING_LOG_BYTES,
                DEFAULT_MIN_FREE_DISK_BYTES,
                DEFAULT_SITE_POLL_SECONDS,
                InspectionStore.DEFAULT_CAPACITY);
    }

    /**
     * Reads a configuration file.
     *
     * @throws IllegalArgumentException naming the file, the key and the value when something does not fit
     */
    public static ConfigFile read(Path file, String collectorName) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": a configuration file may have at most 1 MiB");
            }
            root = new YAMLMapper().readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new IllegalArgumentException(file + ": cannot read it as YAML or JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults(collectorName);
        }
        try {
            Reader reader = new Reader(root, "");
            reader.only("collector", "enrichment", "api", "event_log", "site", "inspection");
            CollectorConfig collector = collector(reader.section("collector"), collectorName);
            EnricherConfig enrichment = enrichment(reader.section("enrichment"));
            Reader eventLog = reader.section("event_log");
            if (eventLog != null) {
                eventLog.only("max_pending_bytes", "min_free_disk_bytes");
            }
            return new ConfigFile(
                    collector,
                    enrichment,
                    api(reader.section("api")),
                    eventLog == null
                            ? DEFAULT_MAX_PENDING_LOG_BYTES
                            : eventLog.positiveLong("max_pending_bytes", DEFAULT_MAX_PENDING_LOG_BYTES),
                    eventLog == null
                            ? DEFAULT_MIN_FREE_DISK_BYTES
                            : eventLog.nonNegativeLong("min_free_disk_bytes", DEFAULT_MIN_FREE_DISK_BYTES),
                    sitePollSeconds(reader.section("site")),
                    inspectionCapacity(reader.section("inspection")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static CollectorConfig collector(Reader section, String collectorName) {
        CollectorConfig defaults = CollectorConfig.defaults(collectorName);
        if (section == null) {
            return defaults;
        }
        section.only("cookie", "path_aliases", "drop_payload_bytes", "cors_max_age", "max_in_flight_bytes");
        return new CollectorConfig(
                collectorName,
                cookie(section.section("cookie")),
                section.stringMap("path_aliases", defaults.pathAliases()),
                section.positiveLong("drop_payload_bytes", defaults.dropPayloadBytes()),
                section.duration("cors_max_age", defaults.corsMaxAge()),
                defaults.acknowledgeTimeout(),
                section.positiveLong("max_in_flight_bytes", defaults.maxInFlightBytes()));
    }

    private static int sitePollSeconds(Reader section) {
        if (section == null) {
            return DEFAULT_SITE_POLL_SECONDS;
        }
        section.only("poll_seconds");
        long seconds = section.positiveLong("poll_seconds", DEFAULT_SITE_POLL_SECONDS);
        if (seconds > MAX_SITE_POLL_SECONDS) {
            throw new IllegalArgumentException(
                    "site.poll_seconds must be at most " + MAX_SITE_POLL_SECONDS + ", was " + seconds);
        }
        return (int) seconds;
    }

    private static int inspectionCapacity(Reader section) {
        if (section == null) {
            return InspectionStore.DEFAULT_CAPACITY;
        }
        section.only("capacity");
        long capacity = section.positiveLong("capacity", InspectionStore.DEFAULT_CAPACITY);
        if (capacity > MAX_INSPECTION_CAPACITY) {
            throw new IllegalArgumentException(
                    "inspection.capacity must be at most " + MAX_INSPECTION_CAPACITY + ", was " + capacity);
        }
        return (int) capacity;
    }

    /** The same settings with another bound on bytes waiting for the event log. */
    public ConfigFile withMaxPendingLogBytes(long bytes) {
        return new ConfigFile(collector, enrichment, api, bytes, minFreeDiskBytes, sitePollSeconds, inspectionCapacity);
    }

    /** The same settings with another free-space reserve on the event log's disk. */
    public ConfigFile withMinFreeDiskBytes(long bytes) {
        return new ConfigFile(
                collector, enrichment, api, maxPendingLogBytes, bytes, sitePollSeconds, inspectionCapacity);
    }

    private static ApiConfig api(Reader section) {
        if (section == null) {
            return ApiConfig.defaults();
        }
        section.only("cors_origins");
        return new ApiConfig(section.strings("cors_origins", List.of()));
    }

    private static CookieConfig cookie(Reader section) {
        CookieConfig defaults = CookieConfig.defaults();
        if (section == null) {
            return defaults;
        }
        section.only("enabled", "name", "domains", "fallback_domain", "expiration", "same_site", "secure", "http_only");
        return new CookieConfig(
                section.bool("enabled", defaults.enabled()),
                section.string("name", defaults.name()),
                section.strings("domains", defaults.domains()),
                section.string("fallback_domain", defaults.fallbackDomain()),
                section.duration("expiration", defaults.expiration()),
                section.string("same_site", defaults.sameSite()),
                section.bool("secure", defaults.secure()),
                section.bool("http_only", defaults.httpOnly()));
    }

    private static EnricherConfig enrichment(Reader section) {
        EnricherConfig config = EnricherConfig.defaults();
        if (section == null) {
            return config;
        }
        section.only("internal_domains", "ip_anonymisation", "fingerprint", "user_agent_parsing", "click_ids", "iglu");
        config = config.withReferrerParser(true, section.strings("internal_domains", List.of()));
        Reader anonymisation = section.section("ip_anonymisation");
        if (anonymisation != null) {
            anonymisation.only("ipv4_octets", "ipv6_segments");
            config = config.withIpAnonymisation(
                    EnricherConfig.IpAnonymisation.masking((int) anonymisation.positiveLong("ipv4_octets", 1), (int)
                            anonymisation.positiveLong("ipv6_segments", 1)));
        }
        if (!section.bool("fingerprint", true)) {
            config = config.withFingerprint(EnricherConfig.Fingerprint.off());
        }
        config = config.withYauaa(section.bool("user_agent_parsing", true));
        Map<String, String> clickIds = section.stringMap("click_ids", Map.of());
        if (!clickIds.isEmpty()) {
            config = config.withCampaign(config.campaign().withClickIds(clickIds));
        }
        Reader iglu = section.section("iglu");
        if (iglu != null) {
            iglu.only("local_repositories", "remote_repositories");
            List<Path> local = iglu.strings("local_repositories", List.of()).stream()
                    .map(Path::of)
                    .toList();
            List<URI> remote = new ArrayList<>();
            for (String url : iglu.strings("remote_repositories", List.of())) {
                remote.add(iglu.uri("remote_repositories", url));
            }
            config = config.withIglu(config.iglu().withLocalRepositories(local).withRemoteRepositories(remote));
        }
        return config;
    }

    /** Typed, strict access to one object of the file; messages name the key path and the value. */
    private record Reader(JsonNode node, String path) {
        Reader {
            if (!node.isObject()) {
                throw new IllegalArgumentException((path.isEmpty() ? "the file" : path) + " must be an object");
            }
        }

        void only(String... keys) {
            Set<String> allowed = Set.of(keys);
            for (String key : node.propertyNames()) {
                if (!allowed.contains(key)) {
                    throw new IllegalArgumentException(
                            "unknown key '" + name(key) + "'; known keys: " + String.join(", ", keys));
                }
            }
        }

        Reader section(String key) {
            JsonNode value = node.get(key);
            return value == null || value.isNull() ? null : new Reader(value, name(key));
        }

        String string(String key, String fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isString()) {
                throw new IllegalArgumentException(name(key) + " must be a string, was " + value);
            }
            return value.stringValue();
        }

        boolean bool(String key, boolean fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw new IllegalArgumentException(name(key) + " must be true or false, was " + value);
            }
            return value.booleanValue();
        }

        long positiveLong(String key, long fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() <= 0) {
                throw new IllegalArgumentException(name(key) + " must be a positive whole number, was " + value);
            }
            return value.longValue();
        }

        long nonNegativeLong(String key, long fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
                throw new IllegalArgumentException(name(key) + " must be a whole number of 0 or more, was " + value);
            }
            return value.longValue();
        }

        Duration duration(String key, Duration fallback) {
            String text = string(key, null);
            if (text == null) {
                return fallback;
            }
            try {
                return IsoDurations.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        name(key) + " must be an ISO-8601 duration such as PT1H, was '" + text + "'");
            }
        }

        List<String> strings(String key, List<String> fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isArray()) {
                throw new IllegalArgumentException(name(key) + " must be a list of strings, was " + value);
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isString()) {
                    throw new IllegalArgumentException(name(key) + " must hold strings only, had " + item);
                }
                items.add(item.stringValue());
            }
            return items;
        }

        Map<String, String> stringMap(String key, Map<String, String> fallback) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isObject()) {
                throw new IllegalArgumentException(name(key) + " must be a map of strings, was " + value);
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                if (!entry.getValue().isString()) {
                    throw new IllegalArgumentException(
                            name(key) + "." + entry.getKey() + " must be a string, was " + entry.getValue());
                }
                map.put(entry.getKey(), entry.getValue().stringValue());
            }
            return map;
        }

        URI uri(String key, String text) {
            try {
                return URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name(key) + " must hold URLs, had '" + text + "'");
            }
        }

        private String name(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }
    }
}
