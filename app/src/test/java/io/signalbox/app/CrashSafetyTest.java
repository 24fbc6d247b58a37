package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server with SIGKILL while clients send batches, restarts it, and checks the log: every event of every
 * batch that got a 200 is there exactly once, and nothing is there twice.
 */
class CrashSafetyTest {
    private static final int CLIENTS = 8;
    private static final int EVENTS_PER_BATCH = 10;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAcknowledgedBatchExactlyOnceAcrossSigkill() throws Exception {
        Path dataDir = dir.resolve("data");
        Path log = dir.resolve("node.log");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int port = ChildNode.freePort();

        for (int round = 0; round < 2; round++) {
            ChildNode node = ChildNode.start(dataDir, port, log);
            AtomicBoolean sending = new AtomicBoolean(true);
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
            for (int client = 0; client < CLIENTS; client++) {
                clients.submit(() -> sendUntilStopped(node.baseUrl(), sending, acknowledged));
            }
            Thread.sleep(1500 + round * 700L);
            node.kill();
            sending.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        try (ChildNode node = ChildNode.start(dataDir, port, log)) {
            assertThat(sendBatch(HttpClient.newHttpClient(), node.baseUrl(), acknowledged))
                    .isTrue();
        }

        Map<String, Integer> logged = LoggedEvents.countsById(dataDir);
        System.out.printf(
                "crash safety: %d events acknowledged across two SIGKILLs, %d events in the log%n",
                acknowledged.size(), logged.size());
        assertThat(acknowledged).hasSizeGreaterThan(100);
        List<String> missing =
                acknowledged.stream().filter(id -> !logged.containsKey(id)).toList();
        assertThat(missing).as("acknowledged events missing from the log").isEmpty();
        List<String> duplicated = logged.entrySet().stream()
                .filter(entry -> entry.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
        assertThat(duplicated).as("events in the log more than once").isEmpty();
    }

    private static Void sendUntilStopped(String baseUrl, AtomicBoolean sending, Set<String> acknowledged) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (sending.get()) {
            try {
                sendBatch(http, baseUrl, acknowledged);
            } catch (Exception connectionLost) {
                return null;
            }
        }
        return null;
    }

    /** Sends one batch; its event ids count as acknowledged only when the answer is 200. */
    private static boolean sendBatch(HttpClient http, String baseUrl, Set<String> acknowledged) throws Exception {
        List<String> ids = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            data.append(i == 0 ? "" : ",")
                    .append("{\"e\":\"pv\",\"p\":\"web\",\"tv\":\"js-4.6.8\",\"aid\":\"crash\",\"eid\":\"")
                    .append(id)
                    .append("\",\"url\":\"https://www.acme.example/pricing\",\"duid\":\"")
                    .append(id)
                    .append("\",\"dtm\":\"1764000000000\",\"stm\":\"1764000000100\"}");
        }
        String body = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":["
                + data + "]}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/com.snowplowanalytics.snowplow/tp2"))
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            acknowledged.addAll(ids);
            return true;
        }
        return false;
    }
}
