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
 */
public record NodeSettings(String host, int port, Path dataDir, List<String> apiKeys, SyncPolicy sync) {
    public NodeSettings {
        apiKeys = List.copyOf(apiKeys);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
    }
}
