package io.signalbox.tracking.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that sends a body over the limit reads the refusal, on a real Jetty over loopback: without the drain, a
 * multi-megabyte body often ends in a connection reset instead of the 413.
 */
class RequestBodiesTest {
    private static final int LIMIT = 1024;
    private static final int OVER_LIMIT_BYTES = 4 << 20;
    private static final int ROUNDS = 30;

    private static Javalin http;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        http = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.jetty.host = "127.0.0.1";
                    config.jetty.port = 0;
                    config.routes.post("/echo", ctx -> {
                        byte[] body = RequestBodies.readUpTo(ctx, LIMIT);
                        if (body == null) {
                            ctx.status(413).result("too large");
                        } else {
                            ctx.result(Integer.toString(body.length));
                        }
                    });
                    config.routes.post("/refuse", ctx -> {
                        RequestBodies.discard(ctx);
                        ctx.status(503).header("Retry-After", "1").result("busy");
                    });
                })
                .start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        http.stop();
        client.close();
    }

    @Test
    void shouldReadABodyUpToTheLimit() throws Exception {
        assertThat(post("/echo", HttpRequest.BodyPublishers.ofString("x".repeat(LIMIT))))
                .isEqualTo("200 " + LIMIT);
        assertThat(post("/echo", HttpRequest.BodyPublishers.noBody())).isEqualTo("200 0");
    }

    @Test
    void shouldAnswer413ToEveryDeclaredBodyOverTheLimit() throws Exception {
        byte[] large = "y".repeat(OVER_LIMIT_BYTES).getBytes(StandardCharsets.UTF_8);
        assertEveryRound("/echo", () -> HttpRequest.BodyPublishers.ofByteArray(large), "413 too large");
    }

    @Test
    void shouldAnswer413ToEveryChunkedBodyOverTheLimit() throws Exception {
        byte[] large = "z".repeat(OVER_LIMIT_BYTES).getBytes(StandardCharsets.UTF_8);
        assertEveryRound(
                "/echo",
                () -> HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)),
                "413 too large");
    }

    @Test
    void shouldLetARefusedClientReadTheRefusal() throws Exception {
        byte[] large = "w".repeat(OVER_LIMIT_BYTES).getBytes(StandardCharsets.UTF_8);
        assertEveryRound("/refuse", () -> HttpRequest.BodyPublishers.ofByteArray(large), "503 busy");
    }

    /** Sends a fresh body {@link #ROUNDS} times: a reset shows up within a few rounds when the drain is missing. */
    private static void assertEveryRound(String path, Supplier<HttpRequest.BodyPublisher> body, String expected)
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(post(path, body.get())).as("round %d", round).isEqualTo(expected);
        }
    }

    private static String post(String path, HttpRequest.BodyPublisher body) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
