package io.signalbox.cluster;

import io.signalbox.engine.registry.Registry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * The attribute engine of the cluster mode: a Kafka Streams application with exactly-once v2 processing, plus the
 * materialiser that copies its committed states to Redis. Start one on every engine node; Kafka spreads the
 * partitions over the instances and moves those of an instance that stops or dies to the others.
 *
 * <p>The topology: the enriched topic (keyed by {@code domain_userid} at the collector) &rarr; {@link KeyRouter}, one
 * record per attribute key in use, keyed by key name and value &rarr; a repartition topic, so that every event of a
 * profile, whatever its key, reaches one task in order &rarr; {@link ProfileProcessor} with the profile store &rarr;
 * the interventions topic.
 */
public final class ClusterEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEngine.class);
    static final String REPARTITION_NAME = "by-attribute-key";

    private final KafkaStreams streams;
    private final ProfileMaterialiser materialiser;
    private final EngineCounters counters;
    private final KeyRouter router;
    private final ComputedGroups groups;

    private ClusterEngine(
            KafkaStreams streams,
            ProfileMaterialiser materialiser,
            EngineCounters counters,
            KeyRouter router,
            ComputedGroups groups) {
        this.streams = streams;
        this.materialiser = materialiser;
        this.counters = counters;
        this.router = router;
        this.groups = groups;
    }

    /**
     * Starts the engine and waits until it runs.
     *
     * @param stateDir where Kafka Streams keeps this instance's local stores
     * @param sessionTimeout how long the group waits for an instance that stopped answering before moving its
     *     partitions
     * @throws ClusterException when it does not reach the running state within two minutes
     */
    public static ClusterEngine start(
            ClusterSettings settings,
            Registry registry,
            RedisClient redis,
            InstantSource clock,
            Path stateDir,
            Duration sessionTimeout) {
        ClusterTopics.ensure(settings);
        EngineCounters counters = new EngineCounters();
        ComputedGroups groups = new ComputedGroups(registry);
        KeyRouter router = new KeyRouter(groups);
        Topology topology = topology(settings, groups, router, registry, clock, counters);
        KafkaStreams streams = new KafkaStreams(topology, properties(settings, stateDir, sessionTimeout));
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            LOG.info("Cluster engine state=[{}] previous=[{}]", now, before);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("A stream thread of the cluster engine failed, replacing it: {}", e.toString(), e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        try {
            if (!running.await(2, TimeUnit.MINUTES)) {
                streams.close(Duration.ofSeconds(10));
                throw new ClusterException("the cluster engine did not start within 2 minutes; is Kafka at "
                        + settings.kafkaBootstrap() + " reachable?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            streams.close(Duration.ofSeconds(10));
            throw new ClusterException("interrupted while the cluster engine started", e);
        }
        ProfileMaterialiser materialiser = new ProfileMaterialiser(settings, redis);
        LOG.info(
                "Cluster engine running application=[{}] threads=[{}] state_dir=[{}]",
                settings.engineApplicationId(),
                settings.engineThreads(),
                stateDir);
        return new ClusterEngine(streams, materialiser, counters, router, groups);
    }

    static Topology topology(
            ClusterSettings settings,
            ComputedGroups groups,
            KeyRouter router,
            Registry registry,
            InstantSource clock,
            EngineCounters counters) {
        ThreadTriggers triggers = new ThreadTriggers(registry);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ProfileProcessor.STORE), Serdes.Bytes(), Serdes.ByteArray()));
        builder.stream(
                        settings.enrichedTopic(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("enriched-events"))
                .flatMap(router::route, Named.as("route-by-attribute-key"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray())
                        .withName(REPARTITION_NAME)
                        .withNumberOfPartitions(settings.partitions()))
                .process(
                        () -> new ProfileProcessor(groups, triggers, clock, counters),
                        Named.as("attribute-engine"),
                        ProfileProcessor.STORE)
                .to(settings.interventionsTopic(), Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    private static Properties properties(ClusterSettings settings, Path stateDir, Duration sessionTimeout) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.engineApplicationId());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.engineThreads());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20);
        // A commit is due after the poll that follows the interval: a short poll keeps each hop's commit prompt.
        properties.put(StreamsConfig.POLL_MS_CONFIG, 10);
        properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L << 20);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int)
                sessionTimeout.toMillis());
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int)
                Math.max(500, sessionTimeout.toMillis() / 4));
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 10_000);
        // Committed records of the repartition topic show at the commit marker: do not let a fetch wait for more.
        properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 10);
        // A transaction that starts right after a commit may be told to retry while the commit completes: retry soon.
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        return properties;
    }

    /**
     * Routed records this node's engine applied since start: an event counts once for each attribute key that
     * computed groups use and it has a value for.
     */
    public long processedEvents() {
        return counters.processed.sum();
    }

    /** Entries dropped because they were not enriched events. */
    public long unreadableEvents() {
        return counters.unreadable.sum() + router.unreadableCount();
    }

    /** Rule interventions this node's engine fired since start. */
    public long firedInterventions() {
        return counters.interventions.sum();
    }

    /** Profile writes this node's materialiser made to Redis since start. */
    public long materialisedProfiles() {
        return materialiser.writtenCount();
    }

    /** The full names of the groups the engine computes, as of the registry it last read. */
    public java.util.Set<String> computedGroups() {
        return groups.current().computed();
    }

    /** Whether the Streams application is running (not rebalancing, failed or stopped). */
    public boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Finishes the transactions in flight, leaves the group and stops the materialiser. */
    @Override
    public void close() {
        // Leaving the group hands this instance's partitions to the others at once, not after the session timeout.
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        materialiser.close();
        LOG.info("Cluster engine stopped processed=[{}]", processedEvents());
    }
}
