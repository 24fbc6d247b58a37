package io.signalbox.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import io.signalbox.events.SelfDescribingData;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import nl.basjes.parse.useragent.AgentField;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives a {@code nl.basjes/yauaa_context/jsonschema/1-0-5} entity from the {@code useragent} field with YAUAA.
 *
 * <p>The YAUAA analyzer takes seconds and a few hundred megabytes to build, so one analyzer is built on first use
 * and shared by every enricher in the JVM; it is limited to the fields written here. Results are cached per user-agent
 * string (bounded), already validated against the entity's schema and serialised, so a repeated user agent costs a
 * cache lookup. YAUAA's analyzer is not safe for concurrent parses, so cache misses parse one at a time. Client-hint
 * headers are not used.
 */
final class UserAgentEnrichment {
    static final SchemaKey SCHEMA = SchemaKey.of("nl.basjes", "yauaa_context", "1-0-5");

    private static final Logger LOG = LoggerFactory.getLogger(UserAgentEnrichment.class);
    private static final List<String> FIELDS = List.of(
            "DeviceClass",
            "DeviceName",
            "DeviceBrand",
            "OperatingSystemClass",
            "OperatingSystemName",
            "OperatingSystemVersion",
            "OperatingSystemVersionMajor",
            "OperatingSystemNameVersion",
            "OperatingSystemNameVersionMajor",
            "LayoutEngineClass",
            "LayoutEngineName",
            "LayoutEngineVersion",
            "LayoutEngineVersionMajor",
            "LayoutEngineNameVersion",
            "LayoutEngineNameVersionMajor",
            "AgentClass",
            "AgentName",
            "AgentVersion",
            "AgentVersionMajor",
            "AgentNameVersion",
            "AgentNameVersionMajor");
    private static final int MAX_USER_AGENT_LENGTH = 2048;
    private static final ReentrantLock BUILD_LOCK = new ReentrantLock();
    private static final ReentrantLock PARSE_LOCK = new ReentrantLock();
    private static volatile UserAgentAnalyzer sharedAnalyzer;

    private final Cache<String, DerivedEntity> cache;
    private final IgluResolver resolver;

    UserAgentEnrichment(int cacheSize, IgluResolver resolver) {
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.resolver = resolver;
    }

    /** The entity for a user agent; empty when there is no user agent. */
    Optional<DerivedEntity> entityFor(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cache.get(userAgent, this::derive));
    }

    /** Builds the shared analyzer now rather than on the first event. */
    static void warmUp() {
        analyzer();
    }

    private DerivedEntity derive(String userAgent) {
        UserAgent parsed = parse(userAgent);
        ObjectNode data = Json.NODES.objectNode();
        for (String field : FIELDS) {
            AgentField value = parsed.get(field);
            if (value != null && value.getValue() != null) {
                data.put(Character.toLowerCase(field.charAt(0)) + field.substring(1), value.getValue());
            }
        }
        SelfDescribingData entity = new SelfDescribingData(SCHEMA, data);
        ObjectNode error = resolver.validate(SCHEMA, data).orElse(null);
        return DerivedEntity.of(entity, error);
    }

    /** YAUAA's analyzer keeps per-parse state, so parses of the shared instance take turns. */
    private static UserAgent parse(String userAgent) {
        UserAgentAnalyzer analyzer = analyzer();
        PARSE_LOCK.lock();
        try {
            return analyzer.parse(userAgent);
        } finally {
            PARSE_LOCK.unlock();
        }
    }

    private static UserAgentAnalyzer analyzer() {
        UserAgentAnalyzer analyzer = sharedAnalyzer;
        if (analyzer == null) {
            BUILD_LOCK.lock();
            try {
                analyzer = sharedAnalyzer;
                if (analyzer == null) {
                    analyzer = build();
                    sharedAnalyzer = analyzer;
                }
            } finally {
                BUILD_LOCK.unlock();
            }
        }
        return analyzer;
    }

    private static UserAgentAnalyzer build() {
        long started = System.nanoTime();
        UserAgentAnalyzer analyzer = UserAgentAnalyzer.newBuilder()
                .hideMatcherLoadStats()
                .withoutCache()
                .withUserAgentMaxLength(MAX_USER_AGENT_LENGTH)
                .withFields(FIELDS)
                .immediateInitialization()
                .build();
        LOG.info(
                "YAUAA user-agent analyzer ready: fields={} tookMs={}",
                FIELDS.size(),
                (System.nanoTime() - started) / 1_000_000);
        return analyzer;
    }
}
