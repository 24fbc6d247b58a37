package io.signalbox.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the engine is behind the collected events, from committed consumer offsets: the engine's group on the
 * enriched and repartition topics, then the materialiser's group on the profile changelog. The three are read in
 * flow order, so a lag of zero means every event collected before the call is reflected in Redis.
 */
public final class ClusterLag implements AutoCloseable {
    private final ClusterSettings settings;
    private final Admin admin;

    public ClusterLag(ClusterSettings settings) {
        this.settings = settings;
        this.admin = Admin.create(ClusterTopics.adminProperties(settings));
    }

    /**
     * Records not yet reflected in Redis, summed over the three steps.
     *
     * @throws ClusterException when Kafka does not answer within 30 s
     */
    public long total() {
        String repartition = settings.engineApplicationId() + "-" + ClusterEngine.REPARTITION_NAME + "-repartition";
        long lag = lag(settings.engineApplicationId(), settings.enrichedTopic());
        lag += lag(settings.engineApplicationId(), repartition);
        lag += lag(ProfileMaterialiser.groupId(settings), ProfileMaterialiser.changelogTopic(settings));
        return lag;
    }

    private long lag(String group, String topic) {
        try {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (!topics.contains(topic)) {
                return topic.equals(settings.enrichedTopic()) ? 0 : 0;
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
                lag += Math.max(0, end - (done == null ? 0 : done.offset()));
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterException("cannot read the engine's progress from Kafka: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while reading the engine's progress", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
