package io.signalbox.cluster;

import io.signalbox.engine.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A cluster engine instance in its own JVM, for the failover test: {@code EngineChild <kafka> <redis> <namespace>
 * <partitions> <stateDir> <clock ISO instant> <progressFile>}. Once running it writes the number of events it has
 * applied to the progress file every 20 ms, until it is killed.
 */
public final class EngineChild {
    private EngineChild() {}

    public static void main(String[] args) throws Exception {
        ClusterSettings settings =
                ClusterSettings.of(args[0], args[1]).withNamespace(args[2]).withPartitions(Integer.parseInt(args[3]));
        Path stateDir = Path.of(args[4]);
        InstantSource clock = InstantSource.fixed(Instant.parse(args[5]));
        Path progress = Path.of(args[6]);
        Cluster cluster = Cluster.connect(settings);
        Registry registry = new Registry(cluster.registryStore());
        ClusterEngine engine =
                ClusterEngine.start(settings, registry, cluster.redis(), clock, stateDir, Duration.ofSeconds(3));
        while (true) {
            Path next = progress.resolveSibling(progress.getFileName() + ".next");
            Files.writeString(next, engine.processedEvents() + " " + (engine.running() ? "running" : "rebalancing"));
            // rename(2) replaces the file in one step; REPLACE_EXISTING alone deletes it first, and a reader
            // polling in between finds no file
            Files.move(next, progress, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(20);
        }
    }
}
