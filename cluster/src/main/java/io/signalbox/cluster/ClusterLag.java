package io.signalbox.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far the engine is behind the collected events, from committed consumer offsets: the engine's group on the
 * enriched and repartition topics, then the materialiser's group on the profile changelog. The three are read in
 * flow order, so a lag of zero means every event collected before the call is reflected in Redis.
 *
 * <p>The repartition topic and the changelog are written in transactions, whose commit markers take offsets of their
 * own that no consumer ever commits past; a small gap between the committed offset and the end is therefore read
 * with a {@code read_committed} consumer and counts only the records in it.
 */
public final class ClusterLag implements AutoCloseable {
    private static final long EXACT_BELOW = 5_000;

    private final ClusterSettings settings;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> reader;

    public ClusterLag(ClusterSettings settings) {
        this.settings = settings;
        this.admin = Admin.create(ClusterTopics.adminProperties(settings));
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.reader = new KafkaConsumer<>(properties);
    }

    /**
     * Records not yet reflected in Redis, summed over the three steps.
     *
     * @throws ClusterException when Kafka does not answer within 30 s
     */
    public synchronized long total() {
        String repartition = settings.engineApplicationId() + "-" + ClusterEngine.REPARTITION_NAME + "-repartition";
        long lag = lag(settings.engineApplicationId(), settings.enrichedTopic());
        lag += lag(settings.engineApplicationId(), repartition);
        lag += lag(ProfileMaterialiser.groupId(settings), ProfileMaterialiser.changelogTopic(settings));
        return lag;
    }

    /**
     * Records of the enriched topic a consumer group, such as a warehouse loader's, has not committed yet.
     *
     * @throws ClusterException when Kafka does not answer within 30 s
     */
    public synchronized long enrichedBehind(String group) {
        return lag(group, settings.enrichedTopic());
    }

    private long lag(String group, String topic) {
        try {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!topics.contains(topic)) {
                return 0;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                            latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                long end = ends.get(partition).offset();
                OffsetAndMetadata done = committed.get(partition);
                long start = done == null ? 0 : done.offset();
                if (end - start >= EXACT_BELOW) {
                    lag += end - start;
                } else if (end > start) {
                    lag += recordsBetween(partition, start, end);
                }
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterException("cannot read the engine's progress from Kafka: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while reading the engine's progress", e);
        }
    }

    /** The data records (not commit markers) of a partition between two offsets. */
    private long recordsBetween(TopicPartition partition, long start, long end) {
        reader.assign(List.of(partition));
        reader.seek(partition, start);
        long records = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reader.position(partition) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
                if (record.offset() < end) {
                    records++;
                }
            }
        }
        return reader.position(partition) < end ? Math.max(records, end - start) : records;
    }

    @Override
    public synchronized void close() {
        reader.close();
        admin.close();
    }
}
