package io.signalbox.tracking;

import io.signalbox.events.Json;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Measures single-thread enrichment throughput for POST batches of ten browser-like page views and pings (with a
 * {@code web_page} entity, campaign parameters and a search referrer), YAUAA on and its cache warm. Not a test: run
 * it with {@code java -cp <test classpath> io.signalbox.tracking.EnricherBenchmark [seconds]}. It prints wall-clock
 * throughput and, because a shared machine distorts wall time, throughput per CPU second of the benchmark thread
 * (GC and JIT threads not counted).
 */
public final class EnricherBenchmark {
    private static final int BATCH = 10;
    private static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 "
                    + "Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0");

    private EnricherBenchmark() {}

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Enricher enricher = Enricher.create(EnricherConfig.defaults());
        enricher.warmUp();
        List<CollectorPayload> payloads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            payloads.add(payload(i));
        }

        run(enricher, payloads, Math.max(2, seconds / 2), "warm-up");
        run(enricher, payloads, seconds, "measured");
    }

    private static void run(Enricher enricher, List<CollectorPayload> payloads, int seconds, String label) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long events = 0;
        long bad = 0;
        int next = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                EnrichmentResult result = enricher.enrich(payloads.get(next));
                next = (next + 1) % payloads.size();
                events += result.good().size();
                bad += result.bad().size();
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        System.out.printf(
                "%s: %,d good events (%d bad) in %.1f s wall, %.1f s CPU = %,.0f events/s wall, %,.0f events per CPU"
                        + " second (%.2f us CPU/event)%n",
                label, events, bad, elapsed, cpu, events / elapsed, events / cpu, cpu * 1e6 / Math.max(1, events));
    }

    private static CollectorPayload payload(int variant) {
        StringBuilder body = new StringBuilder(
                "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":[");
        String pageViewId = UUID.randomUUID().toString();
        for (int i = 0; i < BATCH; i++) {
            String co = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0\",\"data\":[{"
                    + "\"schema\":\"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0\",\"data\":{\"id\":\""
                    + pageViewId + "\"}}]}";
            body.append(i == 0 ? "" : ",")
                    .append("{\"e\":\"")
                    .append(i == 0 ? "pv" : "pp")
                    .append("\",\"url\":\"https://www.shop.example/products/")
                    .append(variant)
                    .append("?id=7&utm_source=news&utm_medium=email&utm_campaign=spring&gclid=abc\",")
                    .append("\"page\":\"Product ")
                    .append(variant)
                    .append("\",\"refr\":\"https://www.google.co.uk/search?q=blue+widgets\",\"eid\":\"")
                    .append(UUID.randomUUID())
                    .append("\",\"tv\":\"js-4.10.1\",\"tna\":\"sp1\",\"aid\":\"shop\",\"p\":\"web\",\"cookie\":\"1\","
                            + "\"cs\":\"UTF-8\",\"lang\":\"en-GB\",\"res\":\"1920x1080\",\"cd\":\"24\","
                            + "\"tz\":\"Europe/London\",\"dtm\":\"1709284500000\",\"stm\":\"1709284501500\","
                            + "\"vp\":\"1200x800\",\"ds\":\"1185x4000\",\"vid\":\"3\","
                            + "\"sid\":\"be9520e7-16a5-4d4e-afa1-8e269f99a1cf\","
                            + "\"duid\":\"85094061-f702-4b62-a46d-20f7226b4741\",")
                    .append(i == 0 ? "" : "\"pp_mix\":\"0\",\"pp_max\":\"10\",\"pp_miy\":\"200\",\"pp_may\":\"900\",")
                    .append("\"co\":")
                    .append(Json.write(Json.NODES.stringNode(co)))
                    .append('}');
        }
        body.append("]}");
        String userAgent = USER_AGENTS.get(variant % USER_AGENTS.size());
        return new CollectorPayload(
                "com.snowplowanalytics.snowplow",
                "tp2",
                "/com.snowplowanalytics.snowplow/tp2",
                null,
                body.toString(),
                "application/json; charset=utf-8",
                "c.example.net",
                "203.0.113.9",
                InstantSource.system().instant(),
                userAgent,
                "https://www.shop.example/products?id=7",
                "ecdff4d0-9175-40ac-a8bb-325c49733607",
                List.of(
                        "Host: c.example.net",
                        "User-Agent: " + userAgent,
                        "Origin: https://www.shop.example",
                        "X-Forwarded-For: 203.0.113.9, 10.0.0.1",
                        "Cookie: sp=ecdff4d0-9175-40ac-a8bb-325c49733607",
                        "application/json; charset=utf-8"),
                "ssc-3.4.0-kafkasink");
    }
}
