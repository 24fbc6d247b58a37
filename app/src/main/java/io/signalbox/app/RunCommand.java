package io.signalbox.app;

import io.signalbox.engine.log.SyncPolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signalbox run}: everything in one process on one port, with the embedded stores. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Start the collector, engine, API, scoring and demo site on one port.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for all interfaces (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--data-dir",
            defaultValue = "data",
            description = "Where the stores live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--api-key",
            description = "API key accepted as a bearer token; repeat for several. "
                    + "Without one, a key is generated and kept in the data directory.")
    java.util.List<String> apiKeys = new java.util.ArrayList<>();

    @Option(
            names = "--sync",
            defaultValue = "always",
            description = "When the collector acknowledges: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SyncPolicy sync;

    @Option(
            names = "--definitions",
            description = "A directory of definition files (JSON or YAML) to load at start; repeatable. "
                    + "Default: the project's definitions/ directory.")
    java.util.List<Path> definitionDirs = new java.util.ArrayList<>();

    @Option(
            names = "--config",
            description = "A YAML or JSON file with collector and enrichment settings (cookie, path aliases, "
                    + "internal domains, IP anonymisation, Iglu repositories); see the README.")
    Path configFile;

    @Option(
            names = "--simulate",
            defaultValue = "0",
            description = "Keep about N simulated visitors browsing the site through the collector (default: none).")
    int simulatedVisitors;

    @Option(
            names = "--prepare-model",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "On a data directory without a model, train one at start (after simulating a month of"
                    + " history into an empty warehouse) so /predict works at once; --no-prepare-model skips it.")
    boolean prepareModel;

    @Override
    public Integer call() throws Exception {
        String collectorName = NodeSettings.collectorName();
        ConfigFile config =
                configFile == null ? ConfigFile.defaults(collectorName) : ConfigFile.read(configFile, collectorName);
        NodeSettings settings = new NodeSettings(
                host,
                port,
                dataDir,
                apiKeys,
                sync,
                definitionDirsOrDefault(definitionDirs),
                config,
                simulatedVisitors,
                prepareModel);
        EmbeddedNode node = EmbeddedNode.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
                    node.close();
                    stopped.countDown();
                }));
        stopped.await();
        return 0;
    }

    /** The given directories, else the project's own {@code definitions/} when the launcher says where it is. */
    static java.util.List<Path> definitionDirsOrDefault(java.util.List<Path> given) {
        if (!given.isEmpty()) {
            return given;
        }
        String root = System.getProperty("signalbox.root");
        if (root != null && java.nio.file.Files.isDirectory(Path.of(root, "definitions"))) {
            return java.util.List.of(Path.of(root, "definitions"));
        }
        return java.util.List.of();
    }
}
