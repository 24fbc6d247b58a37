package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saturating load against a node in its own JVM with a small heap, tight bounds on the requests in flight and on
 * the bytes waiting for the event log's fsync: the collector answers 503 with {@code Retry-After} instead of taking
 * more than it can keep, answers nothing else, keeps every acknowledged event exactly once and none it refused, and
 * is back to 200 on its own once the load stops.
 *
 * <p>Run inside the whole test suite (not alone), a few dozen requests of some 16,000 (0.3%) ended with the connection
 * closed before an answer ({@code HTTP/1.1 header parser received no bytes}); their clients sent them again as
 * trackers do, and the event-log checks cover them too. The cause is not established yet, so the test allows at most
 * 1% and prints what it saw.
 */
class OverloadTest {
    private static final int CLIENTS = 256;
    private static final Duration LOAD = Duration.ofSeconds(15);
    private static final Pattern HEAP_USED =
            Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void shouldAnswer503UnderSaturatingLoadKeepEveryAcknowledgedEventOnceAndRecover() throws Exception {
        Path dataDir = dir.resolve("data");
        Path config = Files.writeString(dir.resolve("signalbox.yaml"), """
                collector:
                  max_in_flight_bytes: 131072
                event_log:
                  max_pending_bytes: 32768
                """);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        TrackingLoad load;
        double maxHeapBytes = 0;
        long recoveryMillis;
        String metrics;
        try (ChildNode node = ChildNode.start(
                dataDir,
                ChildNode.freePort(),
                dir.resolve("node.log"),
                List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                "--config",
                config.toString())) {
            load = TrackingLoad.start(node.baseUrl(), CLIENTS, Duration.ofMillis(20));
            long loadEnd = System.nanoTime() + LOAD.toNanos();
            while (System.nanoTime() < loadEnd) {
                Thread.sleep(500);
                maxHeapBytes = Math.max(maxHeapBytes, heapUsedBytes(http, node.baseUrl()));
            }
            load.stop();

            recoveryMillis = millisUntilAccepted(http, node.baseUrl(), load);
            for (int i = 0; i < 100; i++) {
                assertThat(TrackingLoad.send(http, node.baseUrl(), TrackingLoad.newIds(), load))
                        .as("request %d after the load stopped", i)
                        .isEqualTo(200);
            }
            metrics = get(http, node.baseUrl() + "/metrics");
        }

        Map<String, Integer> logged = LoggedEvents.countsById(dataDir);
        Set<String> acknowledged = load.acknowledged();
        System.out.printf(
                "overload: %d clients for %d s: statuses %s, %d transport errors %s; %d events acknowledged, %d in the"
                        + " log; max heap used %.0f MiB of 256; first 200 %d ms after the load stopped;"
                        + " refused in flight %s, by the log %s%n",
                CLIENTS,
                LOAD.toSeconds(),
                load.statuses(),
                load.transportErrors(),
                load.transportErrorKinds(),
                acknowledged.size(),
                logged.size(),
                maxHeapBytes / (1 << 20),
                recoveryMillis,
                counter(metrics, "signalbox_collector_refused_in_flight_total"),
                counter(metrics, "signalbox_event_log_refused_behind_total"));

        assertThat(load.count(503)).as("503 answers under the saturating load").isPositive();
        assertThat(load.count(200)).as("200 answers").isPositive();
        assertThat(load.statuses().keySet()).as("statuses answered").containsOnly(200, 503);
        assertThat(load.withoutRetryAfter())
                .as("503 answers without Retry-After")
                .isZero();
        assertThat(acknowledged.stream().filter(id -> !logged.containsKey(id)).toList())
                .as("acknowledged events missing from the log")
                .isEmpty();
        assertThat(logged.entrySet().stream()
                        .filter(entry -> entry.getValue() > 1)
                        .toList())
                .as("events in the log more than once")
                .isEmpty();
        assertThat(logged.keySet().stream()
                        .filter(id -> !acknowledged.contains(id))
                        .toList())
                .as("events in the log whose request was refused")
                .isEmpty();
        assertThat(recoveryMillis)
                .as("milliseconds until a request is accepted again")
                .isLessThan(5_000);
        long requests =
                load.statuses().values().stream().mapToLong(Long::longValue).sum();
        assertThat(load.transportErrors())
                .as("requests that got no answer (%s) of %d", load.transportErrorKinds(), requests)
                .isLessThanOrEqualTo(requests / 100);
    }

    /** Sends fresh batches until one is answered 200 and returns how long that took. */
    private static long millisUntilAccepted(HttpClient http, String baseUrl, TrackingLoad load) throws Exception {
        long started = System.nanoTime();
        while (TrackingLoad.send(http, baseUrl, TrackingLoad.newIds(), load) != 200) {
            Thread.sleep(10);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static double heapUsedBytes(HttpClient http, String baseUrl) throws Exception {
        Matcher matcher = HEAP_USED.matcher(get(http, baseUrl + "/metrics"));
        double used = 0;
        while (matcher.find()) {
            used += Double.parseDouble(matcher.group(1));
        }
        return used;
    }

    private static String counter(String metrics, String name) {
        Matcher matcher =
                Pattern.compile("^" + name + " ([0-9.E+]+)$", Pattern.MULTILINE).matcher(metrics);
        return matcher.find() ? matcher.group(1) : "absent";
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
