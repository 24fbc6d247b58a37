package io.signalbox.engine.warehouse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.engine.warehouse.ImportReport.BadLine;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseImportTest {
    private static final String UUID_1 = "d860525b-df36-4eba-8984-63e29096e435";
    private static final String UUID_2 = "07bc3fa7-146f-4e35-912d-0d550e4965b3";

    @TempDir
    Path dir;

    private DuckDbWarehouse warehouse;
    private WarehouseImport importer;

    @BeforeEach
    void open() {
        warehouse = DuckDbWarehouse.open(dir.resolve(DuckDbWarehouse.FILE_NAME), 256 << 20, 2000);
        importer = new WarehouseImport(warehouse);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    private static Path sampleExport() {
        String root = System.getProperty("signalbox.root");
        assertThat(root).as("system property signalbox.root (set by surefire)").isNotNull();
        Path file = Path.of(root, "samples", "sample_events.csv.gz").normalize();
        assertThat(file).as("Snowplow's sample export, expected at %s", file).exists();
        return file;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, UTF_8);
    }

    private Path writeGzip(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(UTF_8));
        }
        return file;
    }

    private List<EnrichedEvent> all() {
        List<EnrichedEvent> events = new ArrayList<>();
        warehouse.forEachBatch(EventQuery.all(), 1000, events::addAll);
        return events;
    }

    private Map<String, Long> pageViewsPerUserInTheWarehouse() {
        return warehouse.query(
                "SELECT domain_userid, count(*) FROM events WHERE event_name = 'page_view' GROUP BY domain_userid",
                rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                    return counts;
                });
    }

    private static Map<String, Long> pageViewsPerUserInTheFile(Path file) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (var reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), UTF_8);
                CSVParser parser =
                        CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (CSVRecord record : parser) {
                if (record.get("EVENT_NAME").equals("page_view")) {
                    counts.merge(record.get("DOMAIN_USERID"), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    @Test
    void shouldImportSnowplowsSampleExport() throws Exception {
        Path file = sampleExport();

        ImportReport report = importer.importFile(file, ImportFormat.AUTO);

        assertThat(report.format()).isEqualTo(ImportFormat.CSV);
        assertThat(report.linesRead()).isEqualTo(5398);
        assertThat(report.rowsImported()).isEqualTo(5398);
        assertThat(report.badLineCount()).isZero();
        assertThat(report.unknownColumns()).isEmpty();
        assertThat(report.collectorTstampsFilled()).isEqualTo(5398);
        assertThat(warehouse.count()).isEqualTo(5398);

        Map<String, Long> expected = pageViewsPerUserInTheFile(file);
        assertThat(expected).hasSize(804).containsEntry("83f57d61-dad7-4861-8c7e-98f75231946b", 26L);
        assertThat(pageViewsPerUserInTheWarehouse()).isEqualTo(expected);
        assertThat(warehouse.forEachBatch(
                        EventQuery.all()
                                .withKeys(AtomicField.DOMAIN_USERID, List.of("83f57d61-dad7-4861-8c7e-98f75231946b"))
                                .withEventNames(List.of("page_view")),
                        100,
                        batch -> {}))
                .isEqualTo(26);

        EnrichedEvent first = all().stream()
                .filter(e -> e.eventId().equals(UUID_1))
                .findFirst()
                .orElseThrow();
        assertThat(first.derivedTstamp()).isEqualTo(Instant.parse("2025-04-23T00:21:24.939Z"));
        assertThat(first.collectorTstamp()).isEqualTo(first.derivedTstamp());
        assertThat(first.pageUrl()).isEqualTo("https://snowplow.io/search/app/app");
        assertThat(first.getInteger(AtomicField.DOMAIN_SESSIONIDX)).isEqualTo(1);
        assertThat(first.get(AtomicField.USERAGENT)).isNull();
    }

    @Test
    void shouldSkipEveryRowWhenTheSameFileIsImportedAgain() {
        Path file = sampleExport();
        importer.importFile(file, ImportFormat.AUTO);

        ImportReport again = importer.importFile(file, ImportFormat.CSV);

        assertThat(again.rowsImported()).isZero();
        assertThat(again.duplicates()).isEqualTo(5398);
        assertThat(warehouse.count()).isEqualTo(5398);
    }

    private static String shuffledCsv() {
        StringBuilder csv = new StringBuilder("event_id,derived_tstamp\n");
        for (int i = 0; i < 40; i++) {
            int second = (i * 17) % 13;
            csv.append(new java.util.UUID(2, i % 30))
                    .append(",2025-04-23 00:00:")
                    .append(10 + second)
                    .append('\n');
        }
        return csv.toString();
    }

    private List<String> physicalOrder() {
        return warehouse.query("SELECT derived_tstamp::VARCHAR FROM events", rows -> {
            List<String> times = new ArrayList<>();
            while (rows.next()) {
                times.add(rows.getString(1));
            }
            return times;
        });
    }

    @Test
    void shouldInsertARowOnceWhenItsEventIdRepeatsInLaterChunks() throws Exception {
        Path file = write("shuffled.csv", shuffledCsv());
        warehouse.close();
        warehouse = DuckDbWarehouse.open(dir.resolve(DuckDbWarehouse.FILE_NAME), 256 << 20, 3);

        ImportReport report = new WarehouseImport(warehouse).importFile(file, ImportFormat.AUTO);

        assertThat(report.rowsImported()).isEqualTo(30);
        assertThat(report.duplicates()).isEqualTo(10);
        assertThat(all())
                .extracting(EnrichedEvent::eventId)
                .doesNotHaveDuplicates()
                .hasSize(30);
    }

    @Test
    void shouldInsertAChunkInTimeOrder() throws Exception {
        ImportReport report = importer.importFile(write("shuffled.csv", shuffledCsv()), ImportFormat.AUTO);

        assertThat(report.rowsImported()).isEqualTo(30);
        assertThat(physicalOrder()).hasSize(30).isSorted();
    }

    @Test
    void shouldReportBadLinesWithTheirLineNumbersAndReasons() throws Exception {
        String csv = String.join(
                "\n",
                "\"event_id\",\"DERIVED_TSTAMP\",\"app_id\",\"DOMAIN_SESSIONIDX\",\"contexts\"",
                "\"" + UUID_1 + "\",\"2025-04-23 00:21:24.939\",\"site\",\"1\",\"\"",
                "\"" + UUID_2 + "\",\"2025-04-23 00:21:24.939\",\"site\",\"1\"",
                "\"" + UUID_2 + "\",\"yesterday\",\"site\",\"1\",\"\"",
                "\"" + UUID_2 + "\",\"2025-04-23T01:02:03Z\",\"a \"\"quoted\"\", multi-line",
                "app name\",\"2\",\"\"",
                "\"0e3bd4d4-35b5-44a3-a1fc-9d2b5d8c5ba8\",\"2025-04-23 00:21:25\",\"site\",\"three\",\"\"",
                "",
                "\"not-a-uuid\",\"2025-04-23 00:21:25\",\"site\",\"1\",\"\"",
                "\"9a2e6f1c-3f7b-4b34-9a53-9d1f0c9a9e11\",\"2025-04-23 00:21:25\",\"site\",\"1\",\"{oops\"",
                ",\"2025-04-24\",\"site\",\"4\",\"\"",
                "\"5c2b1f0e-6e5d-4d4c-8b3a-2a1f0e9d8c7b\",\"\",\"site\",\"1\",\"\"",
                "");

        ImportReport report = importer.importFile(write("export.csv", csv), ImportFormat.AUTO);

        assertThat(report.badLines())
                .containsExactly(
                        new BadLine(3, "expected 5 fields as in the header, found 4"),
                        new BadLine(4, "column derived_tstamp: cannot read 'yesterday' as TIMESTAMP"),
                        new BadLine(7, "column domain_sessionidx: cannot read 'three' as INTEGER"),
                        new BadLine(9, "column event_id: 'not-a-uuid' is not a UUID"),
                        new BadLine(10, "column contexts: not JSON: '{oops'"),
                        new BadLine(12, "neither collector_tstamp nor derived_tstamp is set"));
        assertThat(report.linesRead()).isEqualTo(9);
        assertThat(report.rowsImported()).isEqualTo(3);
        assertThat(report.badLineCount()).isEqualTo(6);
        assertThat(report.generatedEventIds()).isEqualTo(1);
        assertThat(report.linesRead()).isEqualTo(report.rowsImported() + report.duplicates() + report.badLineCount());
        assertThat(all())
                .extracting(EnrichedEvent::appId)
                .containsExactly("site", "a \"quoted\", multi-lineapp name", "site");
        assertThat(report.summary(2))
                .contains("9 lines read, 3 rows imported, 0 duplicates skipped, 6 bad lines skipped")
                .contains("line 3: expected 5 fields as in the header, found 4")
                .contains("… and 4 more");
    }

    @Test
    void shouldReadHeaderNamesInAnyCaseAndOrderAndReportUnknownColumns() throws Exception {
        String csv = "Domain_Userid,FOO,derived_tstamp,EVENT_NAME,bar,Event_Id\n"
                + "u1,x,2025-01-02T03:04:05.678Z,page_view,y," + UUID_1 + "\n";

        ImportReport report = importer.importFile(write("mixed.csv", csv), ImportFormat.CSV);

        assertThat(report.unknownColumns()).containsExactly("FOO", "bar");
        assertThat(report.rowsImported()).isEqualTo(1);
        EnrichedEvent event = all().getFirst();
        assertThat(event.domainUserid()).isEqualTo("u1");
        assertThat(event.eventName()).isEqualTo("page_view");
        assertThat(event.eventId()).isEqualTo(UUID_1);
        assertThat(event.derivedTstamp()).isEqualTo(Instant.parse("2025-01-02T03:04:05.678Z"));
        assertThat(report.summary(10)).contains("columns ignored (not atomic): FOO, bar");
    }

    @Test
    void shouldImportEnrichedTsvPlainOrGzippedWhateverTheFileIsCalled() throws Exception {
        List<EnrichedEvent> events = new ArrayList<>();
        StringBuilder tsv = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            events.add(TestEvents.full(i));
            tsv.append(EnrichedTsv.format(events.getLast())).append('\n');
            if (i == 4) {
                tsv.append("too\tfew\tcolumns\n");
            }
        }

        ImportReport gzipped = importer.importFile(writeGzip("events.txt", tsv.toString()), ImportFormat.AUTO);
        ImportReport plain = importer.importFile(write("events.tsv", tsv.toString()), ImportFormat.TSV);

        assertThat(gzipped.format()).isEqualTo(ImportFormat.TSV);
        assertThat(gzipped.rowsImported()).isEqualTo(12);
        assertThat(gzipped.badLines())
                .containsExactly(new BadLine(6, "an enriched TSV line has 131 columns, this one has 3"));
        assertThat(plain.rowsImported()).isZero();
        assertThat(plain.duplicates()).isEqualTo(12);
        assertThat(all()).containsExactlyElementsOf(events);
    }

    @Test
    void shouldDetectGzipByItsMagicBytesForCsvToo() throws Exception {
        Path file = writeGzip("export.csv", "EVENT_ID,DERIVED_TSTAMP\n" + UUID_1 + ",2025-04-23 00:21:24.939\n");

        ImportReport report = importer.importFile(file, ImportFormat.AUTO);

        assertThat(report.format()).isEqualTo(ImportFormat.CSV);
        assertThat(report.rowsImported()).isEqualTo(1);
    }

    @Test
    void shouldGiveRowsWithoutEventIdTheSameIdOnEveryImport() throws Exception {
        String csv = "derived_tstamp,app_id,se_category\n"
                + "2025-04-23 00:00:01,site,a\n"
                + "2025-04-23 00:00:02,site,b\n"
                + "2025-04-23 00:00:01,site,a\n";
        Path file = write("no-ids.csv", csv);

        ImportReport first = importer.importFile(file, ImportFormat.AUTO);
        List<String> ids = all().stream().map(EnrichedEvent::eventId).toList();
        ImportReport second = importer.importFile(file, ImportFormat.AUTO);

        assertThat(first.generatedEventIds()).isEqualTo(3);
        assertThat(first.rowsImported()).isEqualTo(2);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(second.rowsImported()).isZero();
        assertThat(second.duplicates()).isEqualTo(3);
        assertThat(ids).hasSize(2).allMatch(id -> java.util.UUID.fromString(id).version() == 3);
        assertThat(all()).extracting(EnrichedEvent::eventId).containsExactlyElementsOf(ids);
    }

    @Test
    void shouldReportARecordLongerThanTheLimitAndReadOn() throws Exception {
        String huge = "x".repeat(WarehouseImport.MAX_RECORD_CHARS + 10);
        String csv = "event_id,derived_tstamp,page_title\n"
                + UUID_1 + ",2025-04-23 00:00:01,\"" + huge + "\nstill \"\"inside\"\"\"\n"
                + UUID_2 + ",2025-04-23 00:00:02,fine\n";
        String tsvGood = EnrichedTsv.format(TestEvents.full(1));
        String tsv = huge + "\n" + tsvGood + "\n";

        ImportReport csvReport = importer.importFile(write("huge.csv", csv), ImportFormat.AUTO);
        ImportReport tsvReport = importer.importFile(write("huge.tsv", tsv), ImportFormat.TSV);

        assertThat(csvReport.badLines()).containsExactly(new BadLine(2, "record longer than 1048576 characters"));
        assertThat(csvReport.rowsImported()).isEqualTo(1);
        assertThat(tsvReport.badLines()).containsExactly(new BadLine(1, "line longer than 1048576 characters"));
        assertThat(tsvReport.rowsImported()).isEqualTo(1);
        assertThat(all())
                .extracting(EnrichedEvent::eventId)
                .contains(UUID_2, TestEvents.full(1).eventId());
    }

    @Test
    void shouldImportWhatWasReadFromACutGzipFileAndReportTheRest() throws Exception {
        StringBuilder csv = new StringBuilder("event_id,derived_tstamp\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(new java.util.UUID(1, i)).append(",2025-04-23 00:00:01\n");
        }
        Path whole = writeGzip("whole.csv.gz", csv.toString());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        ImportReport report = importer.importFile(cut, ImportFormat.AUTO);

        assertThat(report.badLineCount()).isEqualTo(1);
        assertThat(report.badLines().getFirst().reason())
                .isEqualTo("cannot read on from here, the rest of the file was not imported:"
                        + " Unexpected end of ZLIB input stream");
        assertThat(report.rowsImported()).isBetween(1L, 19_999L);
        assertThat(warehouse.count()).isEqualTo(report.rowsImported());
    }

    @Test
    void shouldRefuseAFileThatIsNeitherCsvNorTsv() throws Exception {
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        binary[10] = 0;
        Path noise = Files.write(dir.resolve("noise.bin"), binary);
        Path prose = write("notes.txt", "Dear diary,\ntoday I exported nothing.\n");
        Path noTime = write("no-time.csv", "event_id,app_id\n" + UUID_1 + ",site\n");

        assertThatThrownBy(() -> importer.importFile(noise, ImportFormat.AUTO))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("noise.bin is not a CSV or TSV file: it holds binary data");
        assertThatThrownBy(() -> importer.importFile(prose, ImportFormat.AUTO))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("notes.txt is neither enriched TSV (its first line has 1 tab-separated columns,"
                        + " not 131) nor a CSV export with a header naming atomic columns; first line: 'Dear diary,'");
        assertThatThrownBy(() -> importer.importFile(noTime, ImportFormat.AUTO))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("has neither a derived_tstamp nor a collector_tstamp column");
        assertThatThrownBy(() -> importer.importFile(dir.resolve("missing.csv"), ImportFormat.AUTO))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("no such file");
        assertThat(warehouse.count()).isZero();
    }
}
