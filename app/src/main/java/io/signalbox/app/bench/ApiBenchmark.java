package io.signalbox.app.bench;

import static io.signalbox.app.bench.BenchTraffic.KEY;
import static io.signalbox.app.bench.BenchTraffic.ONLINE;
import static io.signalbox.app.bench.BenchTraffic.TP2;
import static io.signalbox.app.bench.BenchTraffic.pageView;
import static io.signalbox.app.bench.BenchTraffic.payload;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.javalin.Javalin;
import io.signalbox.app.EmbeddedNode;
import io.signalbox.app.HttpStack;
import io.signalbox.app.NodeSettings;
import io.signalbox.events.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * API latency and freshness: {@code get-online-attributes} for the twenty-attribute {@code prospect_scoring_service}
 * at fixed request rates (open loop, from a separate process), against a bare endpoint of the same HTTP stack that
 * answers a fixed body of the same size; and the delay from the collector's acknowledgement of an event to its effect
 * being visible in the API, against one API read round trip; and, as a JMH microbenchmark without HTTP ({@link
 * ProfileReadMicrobenchmark}), reading, decoding and evaluating one profile against the RocksDB read alone. The
 * node takes the highest rate's load in rounds until the JIT compiler is quiet ({@link CompilerWarmUp}) before any
 * latency is measured.
 */
public final class ApiBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ApiBenchmark.class);
    private static final String SERVICE = "prospect_scoring_service";
    private static final int VISITORS = 2_000;
    private static final int FRESHNESS_SAMPLES = 400;
    private static final int[] RATES = {1_000, 5_000};
    /** The campaign of every page view this benchmark sends, as query parameters. */
    private static final String CAMPAIGN = "utm_source=news&utm_medium=email&utm_campaign=q4";

    private static final String[] PAGES = {
        "/", "/pricing", "/product", "/customers/globex", "/blog/launch", "/pricing?plan=team", "/demo", "/docs"
    };

    private final BenchTraffic traffic = new BenchTraffic();

    /** The page's path with the campaign's parameters added to its query. */
    private static String withCampaign(String page) {
        return page + (page.indexOf('?') < 0 ? '?' : '&') + CAMPAIGN;
    }

    @Override
    public String name() {
        return "api";
    }

    @Override
    public String description() {
        return "get-online-attributes latency at 1,000 and 5,000 requests/s for a twenty-attribute service; "
                + "freshness from collector acknowledgement to API";
    }

    @Override
    public List<Figure> run(BenchOptions options) throws Exception {
        Path dataDir = options.workDir().resolve("api-" + UUID.randomUUID());
        String root = System.getProperty("signalbox.root", ".");
        NodeSettings settings =
                NodeSettings.local(dataDir, KEY).withDefinitionDirs(List.of(Path.of(root, "definitions")));
        List<Figure> figures = new ArrayList<>();
        try (EmbeddedNode node = EmbeddedNode.start(settings)) {
            String base = "http://127.0.0.1:" + node.port();
            populate(node, base);
            String visitor = visitorId(7);
            byte[] request = ("{\"service\":\"" + SERVICE + "\",\"attribute_keys\":{\"domain_userid\":[\"" + visitor
                            + "\"]}}")
                    .getBytes(UTF_8);
            byte[] answer = traffic.post(base + ONLINE, request).body().getBytes(UTF_8);
            LOG.info(
                    "api: answer of {} bytes with {} columns",
                    answer.length,
                    Json.parse(new String(answer, UTF_8)).size());
            int highest = RATES[RATES.length - 1];
            CompilerWarmUp.untilQuiet(
                    "api at " + highest + " requests/s",
                    () -> LoadRun.run(spec(node.port(), request, highest, CompilerWarmUp.round(options))));
            for (int rate : RATES) {
                LoadRun.Result api = LoadRun.run(spec(node.port(), request, rate, options));
                LoadRun.Result bare;
                try (BareJsonEndpoint endpoint = new BareJsonEndpoint(answer)) {
                    bare = LoadRun.run(spec(endpoint.port(), request, rate, options));
                }
                checkAnswered(api, rate);
                for (String percentile : List.of("p50", "p99", "p99.9")) {
                    figures.add(new Figure(
                            "api_latency_" + percentile.replace(".", "_") + "_at_" + rate + "_rps",
                            api.latency(percentile),
                            "ms",
                            bare.latency(percentile),
                            "bare endpoint",
                            false));
                }
            }
            figures.addAll(freshness(node, base));
        }
        figures.add(profileRead());
        return figures;
    }

    private static Figure profileRead() throws org.openjdk.jmh.runner.RunnerException {
        java.util.Map<String, Double> scores = Microbenchmarks.run(
                ProfileReadMicrobenchmark.class,
                org.openjdk.jmh.annotations.Mode.AverageTime,
                java.util.concurrent.TimeUnit.MICROSECONDS);
        return new Figure(
                "api_profile_read_and_evaluate",
                scores.get("readAndEvaluate"),
                "µs",
                scores.get("rocksDbRead"),
                "RocksDB point read",
                false);
    }

    private static LoadRun.Spec spec(int port, byte[] body, int rate, BenchOptions options) {
        return new LoadRun.Spec(
                port,
                "POST",
                ONLINE,
                "application/json",
                body,
                32,
                options.warmupSeconds(),
                options.durationSeconds(),
                rate,
                List.of("Authorization:Bearer " + KEY));
    }

    private static void checkAnswered(LoadRun.Result result, int rate) {
        if (result.status(200) < result.requests() || result.errors() > 0) {
            throw new IllegalStateException("at " + rate + " requests/s not every request was answered 200: "
                    + result.statuses() + ", errors " + result.errors());
        }
    }

    /** Page views of {@link #VISITORS} visitors through the collector, then waits until the engine has them all. */
    private void populate(EmbeddedNode node, String base) throws Exception {
        for (int visitor = 0; visitor < VISITORS; visitor++) {
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                data.append(i == 0 ? "" : ",")
                        .append(pageView(visitorId(visitor), withCampaign(PAGES[(visitor + i) % PAGES.length])));
            }
            HttpResponse<String> answer = traffic.post(base + TP2, payload(data.toString()));
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the collector answered " + answer.statusCode());
            }
        }
        if (!node.processor().awaitCommitted(node.eventLogEnd(), Duration.ofMinutes(2))) {
            throw new IllegalStateException("the engine did not catch up with the collected events");
        }
    }

    /**
     * Freshness: a new visitor's page view is sent; from the collector's 200 the API is read in a loop until the
     * view counts. The ceiling is the read's own round trip, the smallest delay this method can see.
     */
    private List<Figure> freshness(EmbeddedNode node, String base) throws Exception {
        Histogram delays = new Histogram(60_000_000_000L, 3);
        Histogram reads = new Histogram(60_000_000_000L, 3);
        for (int sample = 0; sample < FRESHNESS_SAMPLES; sample++) {
            String visitor = UUID.randomUUID().toString();
            byte[] read = ("{\"attributes\":[\"prospect_scoring_tutorial_v1:num_page_views\"],\"attribute_keys\":{"
                            + "\"domain_userid\":[\"" + visitor + "\"]}}")
                    .getBytes(UTF_8);
            HttpResponse<String> sent = traffic.post(base + TP2, payload(pageView(visitor, withCampaign("/pricing"))));
            long acknowledged = System.nanoTime();
            if (sent.statusCode() != 200) {
                throw new IllegalStateException("the collector answered " + sent.statusCode());
            }
            while (true) {
                long started = System.nanoTime();
                JsonNode values = Json.parse(traffic.post(base + ONLINE, read).body());
                long now = System.nanoTime();
                reads.recordValue(now - started);
                JsonNode views = values.get("num_page_views").get(0);
                if (!views.isNull() && views.asLong() == 1) {
                    delays.recordValue(now - acknowledged);
                    break;
                }
                if (now - acknowledged > Duration.ofSeconds(10).toNanos()) {
                    throw new IllegalStateException("a page view was not visible in the API after 10 s");
                }
            }
        }
        LOG.info("api: freshness over {} samples, {} API reads", FRESHNESS_SAMPLES, reads.getTotalCount());
        return List.of(
                new Figure(
                        "api_freshness_p50",
                        delays.getValueAtPercentile(50) / 1e6,
                        "ms",
                        reads.getValueAtPercentile(50) / 1e6,
                        "one API read",
                        false),
                new Figure(
                        "api_freshness_p99",
                        delays.getValueAtPercentile(99) / 1e6,
                        "ms",
                        reads.getValueAtPercentile(99) / 1e6,
                        "one API read",
                        false));
    }

    private static String visitorId(int index) {
        return UUID.nameUUIDFromBytes(("visitor-" + index).getBytes(UTF_8)).toString();
    }

    /** The ceiling: the same HTTP stack answering the API's answer as a fixed body. */
    static final class BareJsonEndpoint implements AutoCloseable {
        private final Javalin http;

        BareJsonEndpoint(byte[] answer) {
            http = Javalin.create(config -> {
                        HttpStack.configure(config, "127.0.0.1", 0);
                        config.routes.post(ONLINE, ctx -> {
                            ctx.bodyAsBytes();
                            ctx.contentType("application/json").result(answer);
                        });
                    })
                    .start();
        }

        int port() {
            return http.port();
        }

        @Override
        public void close() {
            http.stop();
        }
    }
}
