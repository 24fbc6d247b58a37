package io.signalbox.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the cluster's topics when they are missing; every node does it at start, whichever comes first wins. */
final class ClusterTopics {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTopics.class);
    private static final Duration EVENT_RETENTION = Duration.ofDays(7);
    private static final Duration INTERVENTION_RETENTION = Duration.ofHours(1);

    private ClusterTopics() {}

    static Properties adminProperties(ClusterSettings settings) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return properties;
    }

    /**
     * Creates the event, bad-row and intervention topics if they do not exist.
     *
     * @throws ClusterException when the brokers cannot be reached within 60 s
     */
    static void ensure(ClusterSettings settings) {
        try (Admin admin = Admin.create(adminProperties(settings))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : wanted(settings)) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
                    LOG.info(
                            "Created topic name=[{}] partitions=[{}] replicas=[{}]",
                            topic.name(),
                            topic.numPartitions(),
                            topic.replicationFactor());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterException(
                    "cannot create the cluster's topics on Kafka at " + settings.kafkaBootstrap() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while creating topics", e);
        }
    }

    private static List<NewTopic> wanted(ClusterSettings settings) {
        String minInSync = Integer.toString(Math.min(2, settings.replicationFactor()));
        Map<String, String> events = Map.of(
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(EVENT_RETENTION.toMillis()),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                minInSync);
        Map<String, String> interventions = Map.of(
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(INTERVENTION_RETENTION.toMillis()),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                minInSync);
        short replicas = settings.replicationFactor();
        return List.of(
                new NewTopic(settings.enrichedTopic(), settings.partitions(), replicas).configs(events),
                new NewTopic(settings.badRowsTopic(), settings.partitions(), replicas).configs(events),
                new NewTopic(settings.interventionsTopic(), Math.min(3, settings.partitions()), replicas)
                        .configs(interventions));
    }
}
