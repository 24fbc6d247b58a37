package io.signalbox.tracking.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.signalbox.tracking.Enricher;
import io.signalbox.tracking.EnricherConfig;
import io.signalbox.tracking.EnrichmentResult;
import io.signalbox.tracking.EventSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Once a request's events are stored, its client gets 200 even when a listener of the collector (inspection, metrics,
 * the dashboard) fails: an error answer would make the tracker send the events again and store them twice.
 */
class CollectorListenerFailureTest {
    private static final String BODY =
            "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\","
                    + "\"data\":[{\"e\":\"pv\",\"p\":\"web\",\"tv\":\"js-4.6.8\","
                    + "\"eid\":\"2ec13853-ef9e-414a-8976-e64a4693b134\","
                    + "\"url\":\"https://www.acme.example/pricing\"}]}";

    private final List<EnrichmentResult> stored = new CopyOnWriteArrayList<>();
    private Javalin http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.stop();
        }
    }

    @Test
    void shouldAnswer200OnceStoredWhenAListenerThrows() throws Exception {
        EventSink sink = result -> {
            stored.add(result);
            return CompletableFuture.<Void>completedFuture(null);
        };
        CollectorRoutes collector = new CollectorRoutes(
                CollectorConfig.defaults("test"),
                new Enricher(EnricherConfig.defaults().withYauaa(false), InstantSource.system())::enrich,
                sink,
                result -> {
                    throw new IllegalStateException("listener broken");
                },
                InstantSource.system());
        http = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.jetty.host = "127.0.0.1";
                    config.jetty.port = 0;
                    collector.addRoutes(config.routes);
                })
                .start();

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + CollectorConfig.TP2_PATH))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(stored)
                .singleElement()
                .satisfies(result -> assertThat(result.good()).hasSize(1));
        assertThat(collector.listenerFailureCount()).isEqualTo(1);
    }
}
