package io.signalbox.app;

import io.signalbox.cluster.ClusterSettings;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a node takes part in a cluster: the shared infrastructure, and which parts this node runs.
 *
 * @param settings the brokers, Redis and topic layout, the same on every node
 * @param roles the parts this node runs
 */
public record ClusterOptions(ClusterSettings settings, Set<Role> roles) {

    /** The parts a cluster node can run; any combination, all by default. */
    public enum Role {
        /** The collector and enrichment: HTTP in, events to Kafka. */
        COLLECTOR,
        /** The attribute engine: a Kafka Streams instance and the materialiser to Redis. */
        ENGINE,
        /** The Signals-compatible API, interventions and the demo site, reading profiles from Redis. */
        API,
        /** A DuckDB warehouse in the data directory, fed from the enriched topic; the API's testing route reads it. */
        WAREHOUSE
    }

    public ClusterOptions {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(
                    "a cluster node needs at least one role of " + EnumSet.allOf(Role.class));
        }
        roles = Set.copyOf(roles);
    }

    /** Every part on this node. */
    public static ClusterOptions allRoles(ClusterSettings settings) {
        return new ClusterOptions(settings, EnumSet.allOf(Role.class));
    }

    public boolean runs(Role role) {
        return roles.contains(role);
    }
}
