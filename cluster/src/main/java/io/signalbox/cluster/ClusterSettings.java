package io.signalbox.cluster;

import java.util.Objects;

/**
 * Where a cluster node finds its shared infrastructure and how the cluster's topics are laid out.
 *
 * @param kafkaBootstrap Kafka bootstrap servers, {@code host:port[,host:port…]}
 * @param redisAddress the Redis server, {@code host:port}
 * @param namespace prefix of every topic, consumer group and Redis key, so that several clusters can share servers
 * @param partitions partitions of the event topics; the most engine threads that can share the work
 * @param replicationFactor replicas of every topic (3 on a three-broker cluster, 1 on a single broker)
 * @param engineThreads Kafka Streams threads of this node's engine
 */
public record ClusterSettings(
        String kafkaBootstrap,
        String redisAddress,
        String namespace,
        int partitions,
        short replicationFactor,
        int engineThreads) {

    public static final String DEFAULT_NAMESPACE = "signalbox";
    public static final int DEFAULT_PARTITIONS = 6;

    public ClusterSettings {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(redisAddress, "redisAddress");
        if (!namespace.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "cluster namespace must be 1 to 64 letters, digits, '_' or '-', was '" + namespace + "'");
        }
        if (partitions < 1 || replicationFactor < 1 || engineThreads < 1) {
            throw new IllegalArgumentException("partitions, replication factor and engine threads must be positive,"
                    + " were " + partitions + ", " + replicationFactor + " and " + engineThreads);
        }
        RedisAddress.parse(redisAddress);
    }

    /** One broker, one Redis: the defaults for {@code signalbox run --cluster}. */
    public static ClusterSettings of(String kafkaBootstrap, String redisAddress) {
        return new ClusterSettings(kafkaBootstrap, redisAddress, DEFAULT_NAMESPACE, DEFAULT_PARTITIONS, (short) 1, 1);
    }

    public ClusterSettings withNamespace(String newNamespace) {
        return new ClusterSettings(
                kafkaBootstrap, redisAddress, newNamespace, partitions, replicationFactor, engineThreads);
    }

    public ClusterSettings withPartitions(int newPartitions) {
        return new ClusterSettings(
                kafkaBootstrap, redisAddress, namespace, newPartitions, replicationFactor, engineThreads);
    }

    public ClusterSettings withEngineThreads(int threads) {
        return new ClusterSettings(kafkaBootstrap, redisAddress, namespace, partitions, replicationFactor, threads);
    }

    public ClusterSettings withReplicationFactor(short replicas) {
        return new ClusterSettings(kafkaBootstrap, redisAddress, namespace, partitions, replicas, engineThreads);
    }

    /** Enriched events as TSV lines, keyed by {@code domain_userid}. */
    public String enrichedTopic() {
        return namespace + "-enriched";
    }

    /** Bad rows as JSON. */
    public String badRowsTopic() {
        return namespace + "-bad";
    }

    /** Rule interventions that fired, for the API nodes. */
    public String interventionsTopic() {
        return namespace + "-interventions";
    }

    /** The Kafka Streams application id of the engine, also its consumer group. */
    public String engineApplicationId() {
        return namespace + "-engine";
    }

    /** The prefix of every Redis key of this cluster. */
    public String redisPrefix() {
        return namespace + ":";
    }
}
