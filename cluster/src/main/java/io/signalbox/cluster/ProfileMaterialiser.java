package io.signalbox.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Copies the engine's committed profile states to Redis, where the API nodes read them.
 *
 * <p>It consumes the changelog topic of the engine's profile store with {@code read_committed}, so Redis only ever
 * holds states of committed transactions: a state whose events are rolled back after a crash never shows. Each write
 * carries the changelog offset and is applied only when no newer offset is stored (a Lua script checks), so a
 * redelivered batch, or a consumer that lost its partitions and has not noticed yet, cannot put an older state back.
 * Consumer offsets are committed after Redis has acknowledged the batch: nothing is skipped, and repeats are harmless.
 * A deleted profile becomes a marker of its offset alone that expires after a day.
 */
public final class ProfileMaterialiser implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileMaterialiser.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
    private static final long MARKER_TTL_MILLIS = Duration.ofDays(1).toMillis();
    private static final byte[] WRITE_IF_NEWER = ("local current = redis.call('GET', KEYS[1])\n"
                    + "if current and string.sub(current, 1, 16) > ARGV[1] then return 0 end\n"
                    + "if ARGV[2] == '' then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])\n"
                    + "else redis.call('SET', KEYS[1], ARGV[1] .. ARGV[2]) end\n"
                    + "return 1")
            .getBytes(UTF_8);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RedisClient redis;
    private final byte[] prefix;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong written = new AtomicLong();
    private final Thread thread;

    ProfileMaterialiser(ClusterSettings settings, RedisClient redis) {
        this.redis = redis;
        this.prefix = (settings.redisPrefix() + "p:").getBytes(UTF_8);
        this.consumer = new KafkaConsumer<>(consumerProperties(settings));
        consumer.subscribe(List.of(changelogTopic(settings)));
        this.thread = Thread.ofPlatform().name("profile-materialiser").start(this::run);
    }

    /** The changelog topic Kafka Streams keeps for the engine's profile store. */
    static String changelogTopic(ClusterSettings settings) {
        return settings.engineApplicationId() + "-" + ProfileProcessor.STORE + "-changelog";
    }

    /** The consumer group of the materialisers of a cluster. */
    static String groupId(ClusterSettings settings) {
        return settings.engineApplicationId() + "-materialiser";
    }

    private static Properties consumerProperties(ClusterSettings settings) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(settings));
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        // The changelog appears when the engine first starts: look for it often.
        properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2_000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    /** Profile writes Redis has acknowledged since start. */
    public long writtenCount() {
        return written.get();
    }

    private void run() {
        LOG.info("Profile materialiser started");
        long lastSummary = System.nanoTime();
        long writtenAtSummary = 0;
        while (running.get()) {
            try {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    writeBatch(records);
                }
                if (System.nanoTime() - lastSummary > SUMMARY_INTERVAL.toNanos()) {
                    long total = written.get();
                    LOG.info(
                            "Profile materialiser written=[{}] since_last_summary=[{}]",
                            total,
                            total - writtenAtSummary);
                    lastSummary = System.nanoTime();
                    writtenAtSummary = total;
                }
            } catch (WakeupException e) {
                break;
            } catch (JedisException e) {
                LOG.warn("Redis refused profile writes, retrying the batch in 1 s: {}", e.getMessage());
                rewindToCommitted();
                pause();
            } catch (RuntimeException e) {
                LOG.error("Profile materialiser failed, retrying in 1 s: {}", e.toString(), e);
                rewindToCommitted();
                pause();
            }
        }
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        LOG.info("Profile materialiser stopped written=[{}]", written.get());
    }

    private void writeBatch(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> profiles = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            next.put(
                    new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            byte[] key = record.key();
            if (key != null && key.length > 0 && key[0] != 0) {
                profiles.add(record);
            }
        }
        if (!profiles.isEmpty()) {
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (ConsumerRecord<byte[], byte[]> record : profiles) {
                    byte[] value = record.value() == null ? new byte[0] : record.value();
                    pipeline.eval(
                            WRITE_IF_NEWER,
                            List.of(RedisProfileStore.redisKey(prefix, record.key())),
                            List.of(
                                    offsetText(record.offset()),
                                    value,
                                    Long.toString(MARKER_TTL_MILLIS).getBytes(UTF_8)));
                }
                pipeline.sync();
            }
            written.addAndGet(profiles.size());
        }
        consumer.commitSync(next);
    }

    static byte[] offsetText(long offset) {
        return String.format("%016x", offset).getBytes(UTF_8);
    }

    private void rewindToCommitted() {
        try {
            ConsumerPositions.rewindToCommitted(consumer);
        } catch (RuntimeException e) {
            LOG.warn("Cannot rewind the profile materialiser: {}", e.toString());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
