package io.signalbox.app;

import io.signalbox.events.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The disk-full scenario of {@link DiskFullTest}, run in a JVM of its own whose data directory is a small tmpfs: a
 * node with a free-space reserve takes a steady load while a ballast file fills the disk to just above the reserve;
 * the scenario then checks what clients were answered, deletes the ballast, measures how long the collector takes to
 * accept again, stops the node and counts the acknowledged events in the log. It writes what it saw as JSON.
 *
 * <p>Usage: {@code DiskFullScenario MOUNT_DIR RESULT_FILE}.
 */
final class DiskFullScenario {
    static final long RESERVE_BYTES = 16L << 20;
    private static final long HEADROOM_BYTES = 3L << 20;
    private static final int CLIENTS = 16;

    private DiskFullScenario() {}

    public static void main(String[] args) throws Exception {
        Path mount = Path.of(args[0]);
        Path dataDir = mount.resolve("data");
        ObjectNode result = Json.NODES.objectNode();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        NodeSettings settings = NodeSettings.local(dataDir, TestNode.API_KEY)
                .withConfig(ConfigFile.defaults(NodeSettings.collectorName()).withMinFreeDiskBytes(RESERVE_BYTES));
        TrackingLoad load;
        try (EmbeddedNode node = EmbeddedNode.start(settings)) {
            String baseUrl = "http://127.0.0.1:" + node.port();
            Path ballast = mount.resolve("ballast");
            fill(ballast, Files.getFileStore(mount).getUsableSpace() - RESERVE_BYTES - HEADROOM_BYTES);
            result.put("free_bytes_after_ballast", Files.getFileStore(mount).getUsableSpace());

            load = TrackingLoad.start(baseUrl, CLIENTS, Duration.ofMillis(50));
            long refusingSince = awaitRefusing(load, Duration.ofSeconds(60));
            result.put("seconds_until_refusing", refusingSince / 1e9);
            Thread.sleep(3_000);
            result.put("free_bytes_while_refusing", Files.getFileStore(mount).getUsableSpace());
            long acceptedBeforeFreeing = load.count(200);
            Thread.sleep(2_000);
            result.put("accepted_while_full", load.count(200) - acceptedBeforeFreeing);

            Files.delete(ballast);
            long freed = System.nanoTime();
            long accepted = load.count(200);
            while (load.count(200) == accepted
                    && System.nanoTime() - freed < Duration.ofSeconds(30).toNanos()) {
                Thread.sleep(5);
            }
            result.put("recovery_millis", (System.nanoTime() - freed) / 1_000_000);
            Thread.sleep(2_000);
            load.stop();
            int afterwards = 0;
            for (int i = 0; i < 50; i++) {
                if (TrackingLoad.send(http, baseUrl, TrackingLoad.newIds(), load) == 200) {
                    afterwards++;
                }
            }
            result.put("accepted_of_50_after_recovery", afterwards);
            result.put("metrics", overloadMetrics(http, baseUrl));
        }
        printStoreErrors(dataDir.resolve("rocksdb").resolve("LOG"));
        Map<String, Integer> logged = LoggedEvents.countsById(dataDir);
        Set<String> acknowledged = load.acknowledged();
        result.putPOJO("statuses", load.statuses());
        result.put("without_retry_after", load.withoutRetryAfter());
        result.put("transport_errors", load.transportErrors());
        result.put("acknowledged", acknowledged.size());
        result.put("logged", logged.size());
        result.put(
                "acknowledged_missing",
                acknowledged.stream().filter(id -> !logged.containsKey(id)).count());
        result.put(
                "logged_twice",
                logged.values().stream().filter(count -> count > 1).count());
        result.put(
                "logged_not_acknowledged",
                logged.keySet().stream()
                        .filter(id -> !acknowledged.contains(id))
                        .count());
        Files.writeString(Path.of(args[1]), Json.write(result));
    }

    private static String overloadMetrics(HttpClient http, String baseUrl) throws Exception {
        String text = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        return text.lines()
                .filter(line ->
                        line.startsWith("signalbox_event_log_") || line.startsWith("signalbox_collector_refused"))
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /** Prints what RocksDB logged about errors, for the test's output. */
    private static void printStoreErrors(Path rocksLog) throws IOException {
        if (!Files.exists(rocksLog)) {
            return;
        }
        try (var lines = Files.lines(rocksLog)) {
            lines.filter(line -> line.contains("rror") || line.contains("space"))
                    .limit(40)
                    .forEach(line -> System.out.println("rocksdb: " + line));
        }
    }

    /** Waits until answers are 503 and no 200 has come for a second; returns the nanoseconds that took. */
    private static long awaitRefusing(TrackingLoad load, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        while (System.nanoTime() - started < timeout.toNanos()) {
            long accepted = load.count(200);
            long refused = load.count(503);
            Thread.sleep(1_000);
            if (load.count(200) == accepted && load.count(503) > refused) {
                return System.nanoTime() - started;
            }
        }
        throw new IllegalStateException("the collector never refused while the disk filled up: " + load.statuses());
    }

    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }
}
