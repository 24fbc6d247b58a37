package io.signalbox.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves Iglu schema keys to JSON Schemas and validates self-describing data against them.
 *
 * <p>Repositories are tried in order: the schemas built into this module, then the configured local directories,
 * then the configured remote static repositories over HTTP (with timeouts, so a lookup never blocks for long). The
 * outcome of a lookup, found or not, is cached: found schemas for {@link EnricherConfig.Iglu#cacheTtl()}, failed
 * lookups for {@link EnricherConfig.Iglu#notFoundTtl()}. Concurrent lookups of one key share a single fetch.
 *
 * <p>Schemas are compiled as JSON Schema draft 4, the dialect of Iglu's self-describing schemas, with format
 * assertions on. Errors have the shapes of the Iglu client: {@code {"error":"ResolutionError","lookupHistory":[…]}}
 * and {@code {"error":"ValidationError","dataReports":[…]}}.
 *
 * <p>Thread-safe.
 */
public final class IgluResolver {
    private static final Logger LOG = LoggerFactory.getLogger(IgluResolver.class);

    private final List<SchemaRepository> repositories;
    private final Cache<SchemaKey, Resolution> cache;
    private final SchemaRegistry registry;
    private final InstantSource clock;

    IgluResolver(List<SchemaRepository> repositories, EnricherConfig.Iglu settings, InstantSource clock) {
        this.repositories = List.copyOf(repositories);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.cacheSize())
                .expireAfter(new ResolutionExpiry(settings.cacheTtl(), settings.notFoundTtl()))
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_4,
                builder -> builder.schemaCacheEnabled(false)
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .pathType(PathType.JSON_PATH)
                                .formatAssertionsEnabled(true)
                                .build()));
    }

    /** A resolver over the built-in schemas and the configured repositories. */
    public static IgluResolver create(EnricherConfig.Iglu settings, InstantSource clock) {
        List<SchemaRepository> repositories = new ArrayList<>();
        repositories.add(new SchemaRepository.Embedded());
        settings.localRepositories().forEach(dir -> repositories.add(new SchemaRepository.Directory(dir)));
        if (!settings.remoteRepositories().isEmpty()) {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(settings.httpTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            settings.remoteRepositories()
                    .forEach(base ->
                            repositories.add(new SchemaRepository.Remote(base, client, settings.httpTimeout())));
        }
        LOG.info(
                "Iglu resolver: repositories=[{}]",
                String.join(
                        ", ", repositories.stream().map(SchemaRepository::name).toList()));
        return new IgluResolver(repositories, settings, clock);
    }

    /** The schema's text as stored in the first repository that has it, for serving it as it is. */
    public Optional<String> rawSchema(SchemaKey key) {
        return resolve(key) instanceof Resolution.Found found ? Optional.of(found.raw()) : Optional.empty();
    }

    /**
     * The Iglu {@code ResolutionError} for a schema that no repository has, with one lookup-history entry per
     * repository; empty when the schema resolves.
     */
    public Optional<ObjectNode> resolutionError(SchemaKey key) {
        return resolve(key) instanceof Resolution.Missing missing
                ? Optional.of(missing.error().deepCopy())
                : Optional.empty();
    }

    /**
     * Validates data against its schema.
     *
     * @return empty when the data is valid, else the Iglu error object ({@code ResolutionError} or {@code
     *     ValidationError})
     */
    Optional<ObjectNode> validate(SchemaKey key, JsonNode data) {
        return switch (resolve(key)) {
            case Resolution.Missing missing -> Optional.of(missing.error().deepCopy());
            case Resolution.Found found -> found.validate(data);
        };
    }

    /** The compiled schema for a key, or empty when it cannot be resolved or compiled. */
    Optional<Resolution.Found> found(SchemaKey key) {
        return resolve(key) instanceof Resolution.Found found ? Optional.of(found) : Optional.empty();
    }

    private Resolution resolve(SchemaKey key) {
        return cache.get(key, this::load);
    }

    private Resolution load(SchemaKey key) {
        ArrayNode history = Json.NODES.arrayNode();
        if (!SchemaRepository.isSafe(key)) {
            repositories.forEach(repository -> history.add(lookup(repository, "NotFound", null)));
            return Resolution.missing(history);
        }
        for (SchemaRepository repository : repositories) {
            SchemaRepository.Fetch fetch = repository.fetch(key);
            switch (fetch) {
                case SchemaRepository.Fetch.Hit hit -> {
                    Optional<Resolution.Found> found = compile(key, hit.text());
                    if (found.isPresent()) {
                        return found.get();
                    }
                    history.add(lookup(repository, "ClientFailure", "the schema is not valid JSON"));
                }
                case SchemaRepository.Fetch.Miss miss -> history.add(lookup(repository, "NotFound", null));
                case SchemaRepository.Fetch.Failure failure -> {
                    LOG.warn(
                            "Iglu repository failed: repository=[{}] schema=[{}] error=[{}]",
                            repository.name(),
                            key,
                            failure.message());
                    history.add(lookup(repository, failure.kind(), failure.message()));
                }
            }
        }
        LOG.debug("Iglu schema not found: schema=[{}]", key);
        return Resolution.missing(history);
    }

    private Optional<Resolution.Found> compile(SchemaKey key, String text) {
        JsonNode json;
        try {
            json = Json.parse(text);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!json.isObject()) {
            return Optional.empty();
        }
        ObjectNode copy = ((ObjectNode) json).deepCopy();
        copy.remove("$schema");
        copy.remove("self");
        try {
            Schema schema = registry.getSchema(SchemaLocation.of(key.toUri()), copy);
            schema.initializeValidators();
            SimpleSchemaCheck fast = SimpleSchemaCheck.compile(json).orElse(null);
            return Optional.of(new Resolution.Found(text, json, schema, null, fast));
        } catch (RuntimeException e) {
            LOG.warn("Iglu schema cannot be compiled: schema=[{}] error=[{}]", key, e.getMessage());
            return Optional.of(new Resolution.Found(text, json, null, String.valueOf(e.getMessage()), null));
        }
    }

    private ObjectNode lookup(SchemaRepository repository, String error, String message) {
        ObjectNode problem = Json.NODES.objectNode();
        problem.put("error", error);
        if (message != null) {
            problem.put("message", Messages.cut(message, 256));
        }
        ObjectNode entry = Json.NODES.objectNode();
        entry.put("repository", repository.name());
        entry.putArray("errors").add(problem);
        entry.put("attempts", 1);
        entry.put("lastAttempt", BadRows.iso(clock.instant()));
        return entry;
    }

    private record ResolutionExpiry(Duration foundTtl, Duration missingTtl) implements Expiry<SchemaKey, Resolution> {
        @Override
        public long expireAfterCreate(SchemaKey key, Resolution value, long currentTime) {
            return (value instanceof Resolution.Found ? foundTtl : missingTtl).toNanos();
        }

        @Override
        public long expireAfterUpdate(SchemaKey key, Resolution value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(SchemaKey key, Resolution value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
