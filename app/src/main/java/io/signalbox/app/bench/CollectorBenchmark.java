package io.signalbox.app.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.javalin.Javalin;
import io.signalbox.app.EmbeddedNode;
import io.signalbox.app.FileTrees;
import io.signalbox.app.HttpStack;
import io.signalbox.app.NodeSettings;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collector throughput: POST batches of 10 browser-like events over loopback, each acknowledged only once durable
 * (fsync'ed group commit), against the ceiling of a bare endpoint of the same HTTP stack that reads the same bodies
 * and answers 200. Throughput comes from a closed loop (each connection sends as soon as it has its answer); latency
 * from an open loop at half the collector's measured throughput, timed from when each request was due, since a
 * closed loop hides stalls (coordinated omission). Every measured node starts on a JVM whose compiler has already
 * compiled what the same load needs (see {@link #warmUpCompiler}), as the bare endpoint's has. The CPU each part of
 * the node used over the throughput load is logged beside the bare endpoint's ({@link ThreadCpu}). A JMH figure gives
 * the enrichment's own cost on one thread ({@link EnrichmentMicrobenchmark}), which the HTTP figures mix with
 * everything else the node runs.
 */
public final class CollectorBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorBenchmark.class);
    static final int EVENTS_PER_BATCH = 10;
    private static final String PATH = "/com.snowplowanalytics.snowplow/tp2";
    private static final String CONTENT_TYPE = "application/json; charset=UTF-8";
    static final String USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    static final String REFERER = "https://www.acme.example/pricing";
    private static final List<String> BROWSER_HEADERS =
            List.of("User-Agent:" + USER_AGENT, "Origin:https://www.acme.example", "Referer:" + REFERER);

    @Override
    public String name() {
        return "collector";
    }

    @Override
    public String description() {
        return "collector events/s for POST batches of 10 with durable acknowledgement, against a bare endpoint";
    }

    @Override
    public List<Figure> run(BenchOptions options) throws Exception {
        byte[] body = batchBody();
        warmUpCompiler(body, options);
        Measured collector = onFreshNode(options, node -> {
            Measured measured = measure(node::eventLogEnd, () -> LoadRun.run(spec(node.port(), body, options)));
            LoadRun.Result result = measured.result();
            LOG.info(
                    "collector: {} requests answered 200, {} other, {} errors; {} events in the log (incl. warm-up)",
                    result.status(200),
                    result.requests() - result.status(200),
                    result.errors(),
                    node.eventLogEnd());
            return measured;
        });
        Measured bare = onBareEndpoint(endpoint -> {
            untilCompilerQuiet("bare endpoint warm-up", endpoint.port(), body, options);
            return measure(
                    () -> endpoint.bodies() * EVENTS_PER_BATCH,
                    () -> LoadRun.run(spec(endpoint.port(), body, options)));
        });
        LOG.info("collector CPU by part, warm-up included: {}", collector.describe());
        LOG.info("bare endpoint CPU by part, warm-up included: {}", bare.describe());
        long latencyRate =
                Math.max(1, (long) (collector.result().status(200) / (double) options.durationSeconds() / 2));
        LoadRun.Result collectorAtRate = onFreshNode(options, node -> {
            LoadRun.Result result = LoadRun.run(spec(node.port(), body, options, latencyRate));
            LOG.info(
                    "collector at {} requests/s, p99 {} ms at the client; at the node, warm-up included: {}",
                    latencyRate,
                    result.latency("p99"),
                    ServerLatency.describe(node.port(), "POST", PATH));
            return result;
        });
        LoadRun.Result bareAtRate =
                onBareEndpoint(endpoint -> LoadRun.run(spec(endpoint.port(), body, options, latencyRate)));
        double events = collector.result().status(200) * (double) EVENTS_PER_BATCH / options.durationSeconds();
        double ceiling = bare.result().requestsPerSecond() * EVENTS_PER_BATCH;
        return List.of(
                new Figure("collector_events_per_second", events, "events/s", ceiling, "bare endpoint", true),
                new Figure(
                        "collector_cpu_microseconds_per_event",
                        collector.cpu().microsPerEvent(),
                        "µs",
                        bare.cpu().microsPerEvent(),
                        "bare endpoint",
                        false),
                new Figure(
                        "collector_latency_p50_at_half_throughput",
                        collectorAtRate.latency("p50"),
                        "ms",
                        bareAtRate.latency("p50"),
                        "bare endpoint, same rate",
                        false),
                new Figure(
                        "collector_latency_p99_at_half_throughput",
                        collectorAtRate.latency("p99"),
                        "ms",
                        bareAtRate.latency("p99"),
                        "bare endpoint, same rate",
                        false),
                enrichmentOnOneThread());
    }

    /** A closed-loop load and the CPU the server's process used while it ran. */
    private record Measured(LoadRun.Result result, CpuUse cpu) {
        /** Each part in cores and µs per event, then the server's total and the load generator's cores. */
        String describe() {
            StringBuilder text = new StringBuilder();
            cpu.secondsByPart().entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(part -> text.append(String.format(
                            Locale.ROOT,
                            "%s %.2f cores (%.1f µs/event); ",
                            part.getKey(),
                            part.getValue() / cpu.wallSeconds(),
                            cpu.events() == 0 ? 0 : part.getValue() * 1e6 / cpu.events())));
            return text.append(String.format(
                            Locale.ROOT,
                            "server total %.1f µs/event over %,d events in %.1f s; load generator %.2f cores",
                            cpu.microsPerEvent(),
                            cpu.events(),
                            cpu.wallSeconds(),
                            result.cpuSeconds() / cpu.wallSeconds()))
                    .toString();
        }
    }

    /**
     * CPU seconds by part of the server over a load, the events the server took in that time (warm-up included, as
     * the CPU is) and the load's wall-clock seconds.
     */
    private record CpuUse(Map<String, Double> secondsByPart, long events, double wallSeconds) {
        double microsPerEvent() {
            double total = secondsByPart.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            return events == 0 ? 0 : total * 1e6 / events;
        }
    }

    /**
     * The request path's own work without HTTP or the node's other threads: events/s that one thread enriches and
     * encodes, from the JMH time per batch.
     */
    private static Figure enrichmentOnOneThread() throws org.openjdk.jmh.runner.RunnerException {
        Map<String, Double> micros = Microbenchmarks.run(
                EnrichmentMicrobenchmark.class,
                org.openjdk.jmh.annotations.Mode.AverageTime,
                java.util.concurrent.TimeUnit.MICROSECONDS);
        return new Figure(
                "collector_enrichment_events_per_second_one_thread",
                EVENTS_PER_BATCH * 1e6 / micros.get("enrichAndEncode"),
                "events/s",
                EVENTS_PER_BATCH * 1e6 / micros.get("decodeOnly"),
                "decoding the body only",
                true);
    }

    /**
     * Sends the closed-loop load in rounds to a node that is then thrown away, until the JIT compiler is quiet, so
     * that the measured node runs compiled code: on a two-core 2 GHz machine the collector took 6,600 events/s after
     * the 25 s warm-up of a fixed length this replaced, 12,400 after this one.
     */
    private static void warmUpCompiler(byte[] body, BenchOptions options) throws Exception {
        onFreshNode(options, node -> untilCompilerQuiet("collector warm-up node", node.port(), body, options));
    }

    /**
     * Closed-loop rounds of the batch body until the JIT compiler is quiet ({@link CompilerWarmUp}); returns the rounds
     * run.
     */
    private static int untilCompilerQuiet(String what, int port, byte[] body, BenchOptions options) throws Exception {
        return CompilerWarmUp.untilQuiet(what, () -> LoadRun.run(spec(port, body, CompilerWarmUp.round(options))));
    }

    /** A load against a node of its own, whose data directory goes when the load is done. */
    @FunctionalInterface
    private interface NodeLoad<T> {
        T run(EmbeddedNode node) throws Exception;
    }

    /** Runs a load on a fresh node and deletes the node's data after it: each collector run leaves gigabytes. */
    private static <T> T onFreshNode(BenchOptions options, NodeLoad<T> load) throws Exception {
        Path dataDir = options.workDir().resolve("collector-" + UUID.randomUUID());
        try (EmbeddedNode node = EmbeddedNode.start(NodeSettings.local(dataDir, "bench"))) {
            return load.run(node);
        } finally {
            FileTrees.delete(dataDir);
        }
    }

    /** A load against a bare endpoint of its own. */
    @FunctionalInterface
    private interface EndpointLoad<T> {
        T run(BareEndpoint endpoint) throws Exception;
    }

    private static <T> T onBareEndpoint(EndpointLoad<T> load) throws Exception {
        try (BareEndpoint endpoint = new BareEndpoint()) {
            return load.run(endpoint);
        }
    }

    /** Runs a load with the CPU this process used meanwhile, by part, and the events the server took. */
    private static Measured measure(LongSupplier eventsTaken, Callable<LoadRun.Result> load) throws Exception {
        long eventsBefore = eventsTaken.getAsLong();
        Map<String, Double> cpuBefore = ThreadCpu.sample();
        long started = System.nanoTime();
        LoadRun.Result result = load.call();
        CpuUse cpu = new CpuUse(
                ThreadCpu.between(cpuBefore, ThreadCpu.sample()),
                eventsTaken.getAsLong() - eventsBefore,
                (System.nanoTime() - started) / 1e9);
        return new Measured(result, cpu);
    }

    private static LoadRun.Spec spec(int port, byte[] body, BenchOptions options) {
        return spec(port, body, options, 0);
    }

    /** A load of the batch body; {@code rate} 0 for a closed loop, else requests per second. */
    private static LoadRun.Spec spec(int port, byte[] body, BenchOptions options, long rate) {
        return new LoadRun.Spec(
                port,
                "POST",
                PATH,
                CONTENT_TYPE,
                body,
                options.connections(),
                options.warmupSeconds(),
                options.durationSeconds(),
                rate,
                BROWSER_HEADERS);
    }

    /** A payload_data batch of browser-like page views, pings and clicks, as the JavaScript tracker sends them. */
    static byte[] batchBody() {
        StringBuilder data = new StringBuilder();
        String[] kinds = {"pv", "pp", "pp", "ue", "pv", "pp", "pp", "pp", "ue", "pv"};
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            data.append(i == 0 ? "" : ",").append(browserEvent(kinds[i], i));
        }
        return ("{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":[" + data
                        + "]}")
                .getBytes(UTF_8);
    }

    private static String browserEvent(String kind, int index) {
        String webPage = "{\\\"schema\\\":\\\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0\\\","
                + "\\\"data\\\":[{\\\"schema\\\":\\\"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0\\\","
                + "\\\"data\\\":{\\\"id\\\":\\\"0edd614e-975d-4f3a-9cd9-af123ac35068\\\"}}]}";
        StringBuilder event = new StringBuilder("{\"e\":\"").append(kind).append('"');
        event.append(",\"eid\":\"")
                .append(UUID.nameUUIDFromBytes(new byte[] {(byte) index}))
                .append('"');
        event.append(",\"tv\":\"js-4.6.8\",\"tna\":\"sp\",\"aid\":\"website\",\"p\":\"web\",\"cookie\":\"1\"");
        event.append(
                ",\"cs\":\"UTF-8\",\"lang\":\"en-GB\",\"res\":\"1920x1080\",\"cd\":\"24\",\"tz\":\"Europe/London\"");
        event.append(",\"dtm\":\"1764000000000\",\"stm\":\"1764000000500\",\"vp\":\"1200x800\",\"ds\":\"1185x4000\"");
        event.append(",\"vid\":\"3\",\"sid\":\"be9520e7-16a5-4d4e-afa1-8e269f99a1cf\"");
        event.append(",\"duid\":\"85094061-f702-4b62-a46d-20f7226b4741\"");
        event.append(",\"url\":\"https://www.acme.example/pricing?utm_source=news&utm_medium=email\"");
        event.append(",\"refr\":\"https://www.google.co.uk/search?q=signalbox\",\"page\":\"Pricing\"");
        if (kind.equals("pp")) {
            event.append(",\"pp_mix\":\"0\",\"pp_max\":\"20\",\"pp_miy\":\"100\",\"pp_may\":\"800\"");
        }
        if (kind.equals("ue")) {
            event.append(",\"ue_pr\":\"{\\\"schema\\\":\\\"iglu:com.snowplowanalytics.snowplow/unstruct_event/"
                    + "jsonschema/1-0-0\\\",\\\"data\\\":{\\\"schema\\\":\\\"iglu:com.snowplowanalytics.snowplow/"
                    + "link_click/jsonschema/1-0-1\\\",\\\"data\\\":{\\\"targetUrl\\\":\\\"https://www.acme.example/"
                    + "customers\\\"}}}\"");
        }
        event.append(",\"co\":\"").append(webPage).append("\"}");
        return event.toString();
    }

    /** The ceiling: the same HTTP stack and configuration, reading the body and answering 200. */
    static final class BareEndpoint implements AutoCloseable {
        private final Javalin http;
        private final LongAdder bodies = new LongAdder();

        BareEndpoint() {
            http = Javalin.create(config -> {
                        HttpStack.configure(config, "127.0.0.1", 0);
                        config.routes.post(PATH, ctx -> {
                            try (InputStream in = ctx.req().getInputStream()) {
                                in.readAllBytes();
                            }
                            bodies.increment();
                            ctx.contentType("text/plain").result("ok");
                        });
                    })
                    .start();
        }

        int port() {
            return http.port();
        }

        /** The bodies read so far. */
        long bodies() {
            return bodies.sum();
        }

        @Override
        public void close() {
            http.stop();
        }
    }
}
