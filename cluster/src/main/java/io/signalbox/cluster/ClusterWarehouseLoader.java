package io.signalbox.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.engine.warehouse.BulkInsert;
import io.signalbox.engine.warehouse.Warehouse;
import io.signalbox.events.EnrichedTsv;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
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

/**
 * Copies the enriched topic into a node's DuckDB warehouse, so that the history the embedded mode keeps (training
 * sets, the testing route) exists in the cluster mode too.
 *
 * <p>It reads every partition as a consumer group of its own ({@code <namespace>-warehouse-<id>}, the id kept with
 * the warehouse), so each warehouse gets the whole stream. A batch is inserted through the warehouse's import, which
 * leaves out the {@code event_id}s it already holds, and the consumer offsets are committed after it: a crash between
 * the two repeats the batch and the import skips what it has, so each event is stored once. Entries that are not
 * enriched events are counted and skipped. Loading rests half of its time, as the embedded loader does, so that it
 * does not take the cores of the collector and the engine.
 */
public final class ClusterWarehouseLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterWarehouseLoader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_BATCH = 20_000;
    private static final double BUSY_SHARE = 0.5;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Warehouse warehouse;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong loaded = new AtomicLong();
    private final AtomicLong unparsable = new AtomicLong();
    private final Thread thread;
    private final String groupId;

    /**
     * Starts loading.
     *
     * @param loaderId identifies this warehouse's consumer group; keep it with the warehouse
     */
    public ClusterWarehouseLoader(ClusterSettings settings, Warehouse warehouse, String loaderId) {
        ClusterTopics.ensure(settings);
        this.warehouse = warehouse;
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        this.groupId = settings.namespace() + "-warehouse-" + loaderId;
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_BATCH);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(List.of(settings.enrichedTopic()));
        this.thread = Thread.ofPlatform().name("cluster-warehouse-loader").start(this::run);
    }

    /** This warehouse's consumer group. */
    public String groupId() {
        return groupId;
    }

    /** Events inserted since start (duplicates by {@code event_id} not counted). */
    public long loadedCount() {
        return loaded.get();
    }

    /** Entries skipped because they were not enriched events. */
    public long unparsableCount() {
        return unparsable.get();
    }

    private void run() {
        LOG.info("Cluster warehouse loader started");
        long lastSummary = System.nanoTime();
        long loadedAtSummary = 0;
        while (running.get()) {
            try {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    long started = System.nanoTime();
                    load(records);
                    rest(System.nanoTime() - started);
                }
                if (System.nanoTime() - lastSummary > SUMMARY_INTERVAL.toNanos()) {
                    long total = loaded.get();
                    LOG.info(
                            "Cluster warehouse loader loaded=[{}] since_last_summary=[{}] unparsable=[{}]",
                            total,
                            total - loadedAtSummary,
                            unparsable.get());
                    lastSummary = System.nanoTime();
                    loadedAtSummary = total;
                }
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                LOG.error(
                        "Cluster warehouse loader failed, retrying from the committed offsets in 5 s: {}",
                        e.toString());
                rewind();
                pause(Duration.ofSeconds(5));
            }
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        LOG.info("Cluster warehouse loader stopped loaded=[{}]", loaded.get());
    }

    private void load(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        try (BulkInsert insert = warehouse.beginImport()) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                next.put(
                        new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
                try {
                    insert.add(EnrichedTsv.parse(new String(record.value(), UTF_8)));
                } catch (RuntimeException e) {
                    long count = unparsable.incrementAndGet();
                    if (count == 1 || count % 1_000 == 0) {
                        LOG.warn("Skipped entries that are not enriched events count=[{}]: {}", count, e.getMessage());
                    }
                }
            }
            loaded.addAndGet(insert.commit().inserted());
        }
        consumer.commitSync(next);
    }

    private void rewind() {
        try {
            ConsumerPositions.rewindToCommitted(consumer);
        } catch (RuntimeException e) {
            LOG.warn("Cannot rewind the cluster warehouse loader: {}", e.toString());
        }
    }

    private void rest(long busyNanos) {
        pause(Duration.ofNanos((long) (busyNanos * (1 - BUSY_SHARE) / BUSY_SHARE)));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Finishes the batch in hand and stops. */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
