package io.signalbox.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request latency at {@code /metrics}, against real Jetty: a histogram by route and status that counts from the
 * request's first bytes, so time a request spends before its handler is part of what an operator sees.
 */
class ApiMetricsTest {
    private static final String SLOW_ROUTE = "/slow/{id}";

    private final ApiMetrics metrics = new ApiMetrics();
    private Javalin http;

    @BeforeEach
    void start() {
        http = Javalin.create(config -> {
                    config.concurrency.useVirtualThreads = true;
                    config.startup.showJavalinBanner = false;
                    metrics.addRoutes(config.routes);
                    config.routes.get(SLOW_ROUTE, ctx -> {
                        Thread.sleep(30);
                        ctx.result("ok");
                    });
                })
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        http.stop();
    }

    @Test
    void shouldCountEachRequestInTheHistogramBucketOfItsLatencyUnderItsRouteTemplate() throws Exception {
        String path = "/slow/42";
        send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 0);

        String scraped = scrape();

        String series =
                "http_server_requests_seconds_bucket{method=\"GET\",route=\"" + SLOW_ROUTE + "\",status=\"200\",";
        assertThat(value(scraped, series + "le=\"0.025\"}"))
                .as("handler alone sleeps 30 ms")
                .isZero();
        assertThat(value(scraped, series + "le=\"0.05\"}")).isEqualTo(1);
        assertThat(value(scraped, series + "le=\"+Inf\"}")).isEqualTo(1);
        assertThat(scraped).as("identifiers in paths never become labels").doesNotContain(path);
    }

    @Test
    void shouldCountTheTimeBeforeTheHandlerFromTheRequestsFirstBytes() throws Exception {
        // The request line arrives, then the rest of the head 300 ms later: Jetty has begun the request, and its
        // handler cannot start until the head is complete.
        send("GET /slow/1 HTTP/1.1\r\n", 300, "Host: x\r\nConnection: close\r\n\r\n");

        String scraped = scrape();

        String latency =
                "http_server_requests_seconds_bucket{method=\"GET\",route=\"" + SLOW_ROUTE + "\",status=\"200\",";
        assertThat(value(scraped, latency + "le=\"0.25\"}")).isZero();
        assertThat(value(scraped, latency + "le=\"0.5\"}")).isEqualTo(1);
        String waits = "signalbox_http_request_wait_seconds_bucket{le=";
        assertThat(value(scraped, waits + "\"0.5\"}") - value(scraped, waits + "\"0.25\"}"))
                .as("the slow request's wait; the scrape's own is counted too, and is short")
                .isEqualTo(1);
        assertThat(value(scraped, waits + "\"+Inf\"}") - value(scraped, waits + "\"0.5\"}"))
                .isZero();
    }

    private void send(String first, long pauseMillis, String... rest) throws IOException, InterruptedException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), http.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(first.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(pauseMillis);
            for (String part : rest) {
                out.write(part.getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }
    }

    private String scrape() throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            return answer.body();
        }
    }

    private static double value(String scraped, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
                .matcher(scraped);
        assertThat(line.find()).as("%s in%n%s", series, scraped).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
