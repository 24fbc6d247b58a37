package io.signalbox.cluster;

import io.signalbox.api.interventions.InterventionHub;
import io.signalbox.api.interventions.InterventionSink;
import io.signalbox.api.interventions.Target;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;
import tools.jackson.databind.node.ObjectNode;

/**
 * Interventions across the API nodes of a cluster. Each API node reads the whole interventions topic from its end
 * with {@code read_committed} and hands every record to its own {@link InterventionHub}, which sends it to the
 * streams it holds: so a rule intervention the engine fires reaches its subscriber whichever node the browser is
 * connected to, once, and only after the change that fired it is committed. A rule intervention that finds no stream
 * on a node is held there for the next one; {@link RedisDeliveryClaims} makes sure only one node sends a held copy,
 * and none when some node sent it live.
 *
 * <p>A push ({@code POST /api/v1/interventions}) goes through the same topic. To answer {@code success} or {@code
 * undelivered} as the embedded node does, every API node keeps a short-lived Redis key {@code
 * <namespace>:listening:<key>:<id>} for each target its streams listen for, refreshed every second and expiring 5 s
 * after its last stream left; a push finds out from these keys whether any node listens.
 */
public final class ClusterInterventions implements InterventionSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterInterventions.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PRESENCE_REFRESH = Duration.ofSeconds(1);
    private static final long PRESENCE_TTL_MILLIS = 5_000;

    private final InterventionHub hub;
    private final RedisClient redis;
    private final String presencePrefix;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder relayed = new LongAdder();
    private final LongAdder undelivered = new LongAdder();
    private final Thread relay;
    private final Thread presence;

    /** Starts reading the interventions topic from its end, and announcing this node's listeners. */
    public ClusterInterventions(ClusterSettings settings, InterventionHub hub, RedisClient redis) {
        ClusterTopics.ensure(settings);
        this.hub = hub;
        this.redis = redis;
        this.presencePrefix = settings.redisPrefix() + "listening:";
        this.topic = settings.interventionsTopic();
        this.producer = new KafkaProducer<>(KafkaEventSink.producerProperties(settings));
        this.consumer = new KafkaConsumer<>(consumerProperties(settings));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(PartitionInfo::partition)
                .map(partition -> new TopicPartition(topic, partition))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.relay = Thread.ofPlatform().name("intervention-relay").start(this::relay);
        this.presence =
                Thread.ofPlatform().name("intervention-presence").daemon().start(this::announce);
    }

    private static Properties consumerProperties(ClusterSettings settings) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "intervention-relay-" + UUID.randomUUID());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    /** Whether any API node has a stream for one of the targets, as of the last second or so. */
    @Override
    public boolean hasSubscribers(List<Target> targets) {
        if (hub.hasSubscribers(targets)) {
            return true;
        }
        String[] keys = targets.stream().map(this::presenceKey).toArray(String[]::new);
        return redis.exists(keys) > 0;
    }

    /** A push: to the topic, and so to every node, when some node listens for the targets. */
    @Override
    public int deliver(ObjectNode payload, List<Target> targets) {
        if (!hasSubscribers(targets)) {
            undelivered.increment();
            return 0;
        }
        return publish(payload, targets, false);
    }

    /** A rule intervention from outside the engine: to every node, which sends or holds it. */
    @Override
    public int deliverOrHold(ObjectNode payload, List<Target> targets) {
        return publish(payload, targets, true);
    }

    private int publish(ObjectNode payload, List<Target> targets, boolean hold) {
        try {
            producer.send(new ProducerRecord<>(topic, null, InterventionMessages.encode(payload, targets, hold)))
                    .get(10, TimeUnit.SECONDS);
            return 1;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ClusterException("cannot hand the intervention to Kafka: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while pushing an intervention", e);
        }
    }

    /** Interventions read from the topic and handed to this node's streams. */
    public long relayedCount() {
        return relayed.sum();
    }

    /** Pushes no node listened for. */
    public long undeliveredCount() {
        return undelivered.sum();
    }

    private String presenceKey(Target target) {
        return presencePrefix + target.keyName() + ":" + target.id();
    }

    private void relay() {
        while (running.get()) {
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    deliverLocally(record);
                }
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warn("Reading the interventions topic failed, retrying in 1 s: {}", e.toString());
                pause(Duration.ofSeconds(1));
            }
        }
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    private void deliverLocally(ConsumerRecord<byte[], byte[]> record) {
        InterventionMessages.Message message;
        try {
            message = InterventionMessages.decode(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping a malformed intervention record offset=[{}]: {}", record.offset(), e.getMessage());
            return;
        }
        if (message.hold()) {
            if (hub.deliverOrHold(message.payload(), message.targets()) > 0) {
                relayed.increment();
            }
        } else if (hub.hasSubscribers(message.targets())) {
            hub.deliver(message.payload(), message.targets());
            relayed.increment();
        }
    }

    /** Keeps a presence key for each target this node's streams listen for. */
    private void announce() {
        Set<Target> announced = new HashSet<>();
        long lastFullRefresh = 0;
        while (running.get()) {
            try {
                Set<Target> current = hub.targets();
                boolean full = System.nanoTime() - lastFullRefresh > PRESENCE_REFRESH.toNanos();
                Set<Target> toWrite = new HashSet<>(current);
                if (!full) {
                    toWrite.removeAll(announced);
                }
                if (!toWrite.isEmpty()) {
                    try (AbstractPipeline pipeline = redis.pipelined()) {
                        for (Target target : toWrite) {
                            pipeline.set(
                                    presenceKey(target),
                                    "1",
                                    SetParams.setParams().px(PRESENCE_TTL_MILLIS));
                        }
                        pipeline.sync();
                    }
                }
                if (full) {
                    lastFullRefresh = System.nanoTime();
                }
                announced = current;
            } catch (RuntimeException e) {
                LOG.warn("Cannot announce intervention subscribers in Redis: {}", e.toString());
                pause(Duration.ofSeconds(1));
            }
            pause(Duration.ofMillis(50));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            relay.join(Duration.ofSeconds(10));
            presence.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
