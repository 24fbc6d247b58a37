package io.signalbox.engine.warehouse;

import io.signalbox.engine.log.RocksEventLog;
import io.signalbox.engine.log.SyncPolicy;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load, import and read throughput of the DuckDB warehouse with events shaped like a browser tracker's (about 1.3 KB
 * of TSV each). Run with {@code mvn -pl engine -am test -Dtest=WarehouseBenchmark -DexcludedTestGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}; results are printed as {@code BENCH} lines.
 */
@Tag("bench")
class WarehouseBenchmark {
    /** Two of DuckDB's row groups, so that the loader's default batches fill whole ones, as under sustained load. */
    private static final int EVENTS = 245_760;

    private static final int BATCH = 12_288;
    private static final int USERS = 5_000;
    private static final String WEB_PAGE =
            "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0\","
                    + "\"data\":{\"id\":\"%s\"}}";
    private static final String UA_PARSER =
            "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/ua_parser_context/jsonschema/1-0-0\",\"data\":"
                    + "{\"useragentFamily\":\"Firefox\",\"useragentMajor\":\"120\",\"useragentMinor\":\"0\","
                    + "\"osFamily\":\"Linux\",\"deviceFamily\":\"Other\"}}";
    private static final String YAUAA = "{\"schema\":\"iglu:nl.basjes/yauaa_context/jsonschema/1-0-4\",\"data\":"
            + "{\"deviceClass\":\"Desktop\",\"deviceName\":\"Linux Desktop\",\"operatingSystemClass\":\"Desktop\","
            + "\"operatingSystemName\":\"Linux\",\"layoutEngineClass\":\"Browser\",\"layoutEngineName\":\"Gecko\","
            + "\"agentClass\":\"Browser\",\"agentName\":\"Firefox\",\"agentVersion\":\"120.0\"}}";

    @TempDir
    Path dir;

    static EnrichedEvent trackerLike(int i) {
        String user = new UUID(42, i % USERS).toString();
        String url = "https://www.example.com/products/item-" + (i % 300) + "?utm_source=newsletter&ref=" + i % 7;
        return TestEvents.pageView(i, user)
                .set(AtomicField.EVENT_ID, new UUID(7, i).toString())
                .set(AtomicField.ETL_TSTAMP, TestEvents.T0.plusSeconds(i + 1))
                .set(AtomicField.DVCE_CREATED_TSTAMP, TestEvents.T0.plusSeconds(i))
                .set(AtomicField.DVCE_SENT_TSTAMP, TestEvents.T0.plusSeconds(i))
                .set(AtomicField.NAME_TRACKER, "sp")
                .set(AtomicField.V_TRACKER, "js-4.10.1")
                .set(AtomicField.USER_IPADDRESS, "203.0.113." + i % 250)
                .set(AtomicField.NETWORK_USERID, new UUID(43, i % USERS).toString())
                .set(AtomicField.DOMAIN_SESSIONID, new UUID(44, i / 20).toString())
                .set(AtomicField.DOMAIN_SESSIONIDX, 1 + i % 5)
                .set(AtomicField.PAGE_URL, url)
                .set(AtomicField.PAGE_TITLE, "Item " + (i % 300) + " – Example Shop")
                .set(AtomicField.PAGE_REFERRER, "https://www.google.com/")
                .set(AtomicField.PAGE_URLSCHEME, "https")
                .set(AtomicField.PAGE_URLHOST, "www.example.com")
                .set(AtomicField.PAGE_URLPORT, 443)
                .set(AtomicField.PAGE_URLPATH, "/products/item-" + (i % 300))
                .set(AtomicField.PAGE_URLQUERY, "utm_source=newsletter&ref=" + i % 7)
                .set(AtomicField.MKT_SOURCE, "newsletter")
                .set(AtomicField.USERAGENT, "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0")
                .set(AtomicField.BR_LANG, "en-GB")
                .set(AtomicField.BR_COOKIES, true)
                .set(AtomicField.BR_COLORDEPTH, "24")
                .set(AtomicField.BR_VIEWWIDTH, 1280)
                .set(AtomicField.BR_VIEWHEIGHT, 720)
                .set(AtomicField.OS_TIMEZONE, "Europe/London")
                .set(AtomicField.DVCE_SCREENWIDTH, 1920)
                .set(AtomicField.DVCE_SCREENHEIGHT, 1080)
                .set(AtomicField.DOC_CHARSET, "UTF-8")
                .set(AtomicField.DOC_WIDTH, 1280)
                .set(AtomicField.DOC_HEIGHT, 4000)
                .set(AtomicField.GEO_COUNTRY, "GB")
                .set(AtomicField.GEO_CITY, "London")
                .set(AtomicField.GEO_LATITUDE, 51.5)
                .set(AtomicField.GEO_LONGITUDE, -0.125)
                .set(
                        AtomicField.CONTEXTS,
                        "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1\",\"data\":["
                                + WEB_PAGE.formatted(new UUID(45, i)) + "]}")
                .set(
                        AtomicField.DERIVED_CONTEXTS,
                        "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1\",\"data\":["
                                + UA_PARSER + "," + YAUAA + "]}")
                .set(AtomicField.EVENT_FINGERPRINT, Integer.toHexString(i * 31));
    }

    private static List<EnrichedEvent> events() {
        return IntStream.range(0, EVENTS)
                .mapToObj(WarehouseBenchmark::trackerLike)
                .toList();
    }

    @Test
    void appendImportAndRead() throws Exception {
        List<EnrichedEvent> events = events();
        long tsvBytes =
                events.stream().mapToLong(e -> EnrichedTsv.format(e).length()).sum();
        System.out.printf("BENCH event size %d chars of TSV%n", tsvBytes / EVENTS);

        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("appended.duckdb"), 1L << 30)) {
            long start = start();
            for (int from = 0; from < EVENTS; from += BATCH) {
                warehouse.append(events.subList(from, from + BATCH), from, from + BATCH);
            }
            report("append, batches of 12,288", EVENTS, start);
            readAll(warehouse);
        }

        Path tsv = dir.resolve("events.tsv");
        try (BufferedWriter out = Files.newBufferedWriter(tsv, StandardCharsets.UTF_8)) {
            for (EnrichedEvent event : events) {
                out.write(EnrichedTsv.format(event));
                out.write('\n');
            }
        }
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("imported.duckdb"), 1L << 30)) {
            long start = start();
            ImportReport report = new WarehouseImport(warehouse).importFile(tsv, ImportFormat.TSV);
            report("import of enriched TSV", report.rowsImported(), start);
        }
    }

    private static void readAll(DuckDbWarehouse warehouse) {
        long start = start();
        long read = warehouse.forEachBatch(EventQuery.all(), 10_000, batch -> {});
        report("read all, in time order", read, start);

        List<String> users = warehouse.sampleKeys(AtomicField.DOMAIN_USERID, TestEvents.T0, 1000);
        start = start();
        long keyed = warehouse.forEachBatch(
                EventQuery.all().withKeys(AtomicField.DOMAIN_USERID, users), 10_000, batch -> {});
        report("read 1,000 sampled users", keyed, start);

        start = start();
        keyed = 0;
        for (String user : users.subList(0, 20)) {
            keyed += warehouse.forEachBatch(
                    EventQuery.all().withKeys(AtomicField.DOMAIN_USERID, List.of(user)), 1000, batch -> {});
        }
        double millisPerQuery = (System.nanoTime() - start) / 1e6 / 20;
        System.out.printf("BENCH single-user read: %.1f ms per query (%d events)%n", millisPerQuery, keyed);
    }

    @Test
    void loaderEndToEnd() throws Exception {
        List<EnrichedEvent> events = events();
        try (EmbeddedStore store = EmbeddedStore.open(dir.resolve("store"), 64 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.OS_BUFFERED, 1L << 30);
                DuckDbWarehouse warehouse = DuckDbWarehouse.openInDataDir(dir)) {
            long end = 0;
            for (int from = 0; from < EVENTS; from += BATCH) {
                end = TestEvents.append(log, events.subList(from, from + BATCH));
            }
            long start = start();
            try (WarehouseLoader loader = WarehouseLoader.start(log, warehouse)) {
                loader.awaitLoaded(end, Duration.ofMinutes(5));
            }
            report("loader from the event log", warehouse.count(), start);
        }
    }

    private static long cpuAtStart;

    /** CPU time of the whole process, DuckDB's threads included: unlike wall time, it holds on a busy machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long start() {
        cpuAtStart = processCpuNanos();
        return System.nanoTime();
    }

    private static void report(String what, long rows, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuAtStart) / 1e9;
        System.out.printf(
                "BENCH %-28s %,9d rows %6.2f s %,9.0f rows/s  %6.2f cpu-s %,9.0f rows/cpu-s%n",
                what, rows, seconds, rows / seconds, cpuSeconds, rows / cpuSeconds);
    }
}
