package io.signalbox.app;

import io.signalbox.engine.log.SyncPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * What a Signalbox node is started with.
 *
 * @param host the address to listen on
 * @param port the HTTP port, 0 for any free one
 * @param dataDir where the stores live
 * @param apiKeys the accepted API keys; empty means one is generated and kept in the data directory
 * @param sync when the collector acknowledges relative to the disk
 * @param definitionDirs directories of definition files loaded at start, in order
 * @param config the collector's and enricher's settings
 * @param simulatedVisitors how many simulated visitors to keep browsing through the collector, 0 for none
 * @param prepareModel whether to train a model at start when the data directory has none (see {@link
 *     ModelPreparation})
 */
public record NodeSettings(
        String host,
        int port,
        Path dataDir,
        List<String> apiKeys,
        SyncPolicy sync,
        List<Path> definitionDirs,
        ConfigFile config,
        int simulatedVisitors,
        boolean prepareModel) {
    public NodeSettings {
        apiKeys = List.copyOf(apiKeys);
        definitionDirs = List.copyOf(definitionDirs);
        java.util.Objects.requireNonNull(config, "config");
        if (simulatedVisitors < 0) {
            throw new IllegalArgumentException("simulated visitors must not be negative, was " + simulatedVisitors);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
    }

    /** Loopback, any free port, fsync'ed acknowledgements, no definitions: what tests and benchmarks start. */
    public static NodeSettings local(Path dataDir, String apiKey) {
        return new NodeSettings(
                "127.0.0.1",
                0,
                dataDir,
                List.of(apiKey),
                SyncPolicy.ALWAYS,
                List.of(),
                ConfigFile.defaults(collectorName()),
                0,
                false);
    }

    /** The name the collector writes into {@code v_collector}. */
    public static String collectorName() {
        return "signalbox-" + Main.version();
    }

    public NodeSettings withDefinitionDirs(List<Path> dirs) {
        return new NodeSettings(host, port, dataDir, apiKeys, sync, dirs, config, simulatedVisitors, prepareModel);
    }

    public NodeSettings withPort(int newPort) {
        return new NodeSettings(
                host, newPort, dataDir, apiKeys, sync, definitionDirs, config, simulatedVisitors, prepareModel);
    }

    public NodeSettings withPrepareModel(boolean prepare) {
        return new NodeSettings(host, port, dataDir, apiKeys, sync, definitionDirs, config, simulatedVisitors, prepare);
    }

    public NodeSettings withConfig(ConfigFile newConfig) {
        return new NodeSettings(
                host, port, dataDir, apiKeys, sync, definitionDirs, newConfig, simulatedVisitors, prepareModel);
    }
}
