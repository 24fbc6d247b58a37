package io.signalbox.cluster;

/** The cluster's infrastructure (Kafka, Redis) cannot be used as configured. */
public final class ClusterException extends RuntimeException {
    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClusterException(String message) {
        super(message);
    }
}
