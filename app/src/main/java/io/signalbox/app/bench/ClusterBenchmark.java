package io.signalbox.app.bench;

import static io.signalbox.app.bench.BenchTraffic.KEY;
import static io.signalbox.app.bench.BenchTraffic.ONLINE;
import static io.signalbox.app.bench.BenchTraffic.TP2;
import static io.signalbox.app.bench.BenchTraffic.pageView;
import static io.signalbox.app.bench.BenchTraffic.payload;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.app.ClusterNode;
import io.signalbox.app.ClusterOptions;
import io.signalbox.app.EmbeddedNode;
import io.signalbox.app.NodeSettings;
import io.signalbox.cluster.ClusterSettings;
import io.signalbox.cluster.local.LocalKafka;
import io.signalbox.cluster.local.LocalRedis;
import io.signalbox.events.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * End to end in both modes, the same workload on the same machine: page views of many visitors through the
 * collector until the engine has them all in the store the API reads (throughput), and the delay from the
 * collector's acknowledgement of one page view to its count in the API (freshness). The embedded mode runs one node on
 * RocksDB; the cluster mode one node with every role on a local KRaft broker and redis-server, which on one machine
 * shares the cores with them. Throughput's ceiling is the rate at which the collector acknowledged the same events
 * (the engine cannot finish sooner than it is fed); freshness's ceiling is one API read's round trip.
 */
public final class ClusterBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterBenchmark.class);
    private static final int VISITORS = 2_000;
    private static final int EVENTS_PER_REQUEST = 10;
    private static final int SENDERS = 16;
    private static final int WARMUP_EVENTS = 4_000;
    private static final int EVENTS = 40_000;
    private static final int FRESHNESS_SAMPLES = 200;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);
    private static final String[] PAGES = {"/", "/pricing", "/product", "/customers/globex", "/blog/launch", "/demo"};

    private final BenchTraffic traffic = new BenchTraffic();

    /** A running deployment the workload is sent to. */
    private interface Target {
        String baseUrl();

        void awaitProcessed() throws InterruptedException;
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public String description() {
        return "end-to-end events/s from collector to API store, and freshness, in cluster mode (local Kafka and Redis)"
                + " next to the embedded mode";
    }

    @Override
    public List<Figure> run(BenchOptions options) throws Exception {
        String root = System.getProperty("signalbox.root", ".");
        List<Path> definitions = List.of(Path.of(root, "definitions"));
        List<Figure> figures = new ArrayList<>();

        NodeSettings embeddedSettings = NodeSettings.local(
                        options.workDir().resolve("cluster-bench-embedded-" + UUID.randomUUID()), KEY)
                .withDefinitionDirs(definitions);
        try (EmbeddedNode node = EmbeddedNode.start(embeddedSettings)) {
            figures.addAll(measure("embedded", new Target() {
                @Override
                public String baseUrl() {
                    return "http://127.0.0.1:" + node.port();
                }

                @Override
                public void awaitProcessed() throws InterruptedException {
                    if (!node.processor().awaitCommitted(node.eventLogEnd(), CATCH_UP_TIMEOUT)) {
                        throw new IllegalStateException("the embedded engine did not catch up");
                    }
                }
            }));
        }

        ClusterSettings settings = ClusterSettings.of(
                        LocalKafka.shared().bootstrap(), LocalRedis.shared().address())
                .withNamespace("bench-" + UUID.randomUUID().toString().substring(0, 8));
        NodeSettings clusterSettings = NodeSettings.local(
                        options.workDir().resolve("cluster-bench-cluster-" + UUID.randomUUID()), KEY)
                .withDefinitionDirs(definitions);
        try (ClusterNode node = ClusterNode.start(clusterSettings, ClusterOptions.allRoles(settings))) {
            figures.addAll(measure("cluster", new Target() {
                @Override
                public String baseUrl() {
                    return "http://127.0.0.1:" + node.port();
                }

                @Override
                public void awaitProcessed() throws InterruptedException {
                    if (!node.awaitProcessed(CATCH_UP_TIMEOUT)) {
                        throw new IllegalStateException("the cluster engine did not catch up");
                    }
                }
            }));
        }
        return figures;
    }

    private List<Figure> measure(String mode, Target target) throws Exception {
        send(target, WARMUP_EVENTS);
        target.awaitProcessed();

        long started = System.nanoTime();
        send(target, EVENTS);
        long acknowledged = System.nanoTime();
        target.awaitProcessed();
        long processed = System.nanoTime();
        double endToEnd = EVENTS / ((processed - started) / 1e9);
        double collected = EVENTS / ((acknowledged - started) / 1e9);
        LOG.info(
                "{}: {} events acknowledged in {} ms, in the API store after {} ms",
                mode,
                EVENTS,
                (acknowledged - started) / 1_000_000,
                (processed - started) / 1_000_000);

        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure(
                mode + "_end_to_end_events_per_second",
                endToEnd,
                "events/s",
                collected,
                "collector acknowledgements of the same events",
                true));
        figures.addAll(freshness(mode, target));
        return figures;
    }

    /** Sends {@code events} page views in requests of ten, from {@link #SENDERS} concurrent senders. */
    private void send(Target target, int events) throws Exception {
        int requests = events / EVENTS_PER_REQUEST;
        try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int sender = 0; sender < SENDERS; sender++) {
                int first = sender;
                sent.add(senders.submit(() -> {
                    for (int request = first; request < requests; request += SENDERS) {
                        StringBuilder data = new StringBuilder();
                        for (int i = 0; i < EVENTS_PER_REQUEST; i++) {
                            int visitor = (request * 7 + i) % VISITORS;
                            data.append(i == 0 ? "" : ",")
                                    .append(pageView(visitorId(visitor), PAGES[(request + i) % PAGES.length]));
                        }
                        HttpResponse<String> answer = traffic.post(target.baseUrl() + TP2, payload(data.toString()));
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException("the collector answered " + answer.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
    }

    /** As in the API benchmark: from the collector's 200 for a new visitor's view until the API counts it. */
    private List<Figure> freshness(String mode, Target target) throws Exception {
        Histogram delays = new Histogram(60_000_000_000L, 3);
        Histogram reads = new Histogram(60_000_000_000L, 3);
        for (int sample = 0; sample < FRESHNESS_SAMPLES; sample++) {
            String visitor = UUID.randomUUID().toString();
            String read = "{\"attributes\":[\"prospect_scoring_tutorial_v1:num_page_views\"],\"attribute_keys\":{"
                    + "\"domain_userid\":[\"" + visitor + "\"]}}";
            HttpResponse<String> sent = traffic.post(target.baseUrl() + TP2, payload(pageView(visitor, "/pricing")));
            long acknowledged = System.nanoTime();
            if (sent.statusCode() != 200) {
                throw new IllegalStateException("the collector answered " + sent.statusCode());
            }
            while (true) {
                long before = System.nanoTime();
                JsonNode values =
                        Json.parse(traffic.post(target.baseUrl() + ONLINE, read).body());
                long now = System.nanoTime();
                reads.recordValue(now - before);
                JsonNode views = values.get("num_page_views").get(0);
                if (!views.isNull() && views.asLong() == 1) {
                    delays.recordValue(now - acknowledged);
                    break;
                }
                if (now - acknowledged > Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException(mode + ": a page view was not visible in the API after 30 s");
                }
            }
        }
        List<Figure> figures = new ArrayList<>();
        for (double percentile : new double[] {50, 99}) {
            figures.add(new Figure(
                    mode + "_freshness_p" + (int) percentile,
                    delays.getValueAtPercentile(percentile) / 1e6,
                    "ms",
                    reads.getValueAtPercentile(percentile) / 1e6,
                    "one API read",
                    false));
        }
        return figures;
    }

    private static String visitorId(int index) {
        return UUID.nameUUIDFromBytes(("cluster-visitor-" + index).getBytes(UTF_8))
                .toString();
    }
}
