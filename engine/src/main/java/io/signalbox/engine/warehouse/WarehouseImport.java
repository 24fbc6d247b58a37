package io.signalbox.engine.warehouse;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import io.signalbox.events.Json;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Loads a file of events into the warehouse: a Snowplow atomic-table export as CSV, or enriched TSV; either may be
 * gzip-compressed (recognised by its magic bytes, whatever the file is called).
 *
 * <p><b>CSV exports</b> start with a header row naming columns in upper or lower case, in any order. Any subset of
 * the 131 atomic columns may be present; missing ones are NULL, and names that are not atomic columns are reported
 * once and ignored. Values follow RFC 4180 quoting; text after a closing quote and a missing final quote are
 * accepted as they stand. An empty value is NULL. Timestamps may take any form {@link
 * io.signalbox.events.Timestamps#parseLenient} reads; booleans may be {@code 1/0} or {@code true/false}. Free text is
 * made TSV-safe as the enricher does (tabs become spaces, control characters go) and JSON columns are stored in
 * compact form.
 *
 * <p><b>Enriched TSV</b> lines have exactly 131 columns and no header.
 *
 * <p><b>Every row gets an {@code event_id}, a {@code collector_tstamp} and a {@code derived_tstamp}.</b> Exports
 * often lack some of them. A row without {@code event_id} gets a name-based (version 3) UUID of its content, so
 * importing the same file again gives the same ids. A row without {@code collector_tstamp} gets its {@code
 * derived_tstamp}, and the other way round; a row with neither is a bad line.
 *
 * <p><b>Imports are idempotent by {@code event_id}</b>: a row whose {@code event_id} the warehouse already holds, or
 * that an earlier line of the same file had, is skipped and counted as a duplicate. Rows go in as chunks of tens of
 * thousands, each sorted by {@code derived_tstamp} and inserted atomically, so memory does not grow with the file;
 * an import that fails part-way keeps the chunks inserted so far, and running it again adds exactly the rest.
 *
 * <p><b>Bad lines are skipped and reported, never silently:</b> a wrong number of fields, a value that does not fit
 * its column's type, JSON that is not the self-describing shape of its column, an {@code event_id} that is not a
 * UUID, a string over its column's length limit, a record longer than {@value #MAX_RECORD_CHARS} characters. The
 * {@link ImportReport} counts all of them and keeps the first {@value ImportReport#MAX_BAD_LINES_KEPT} with line
 * number and reason. Invalid UTF-8 bytes become U+FFFD. A file that is neither a CSV export nor enriched TSV is
 * refused with an {@link ImportException} before anything is imported; a file that cannot be read to its end (a cut
 * gzip file, say) has what was read imported and the failure reported as a bad line.
 */
public final class WarehouseImport {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseImport.class);

    /** The longest record read, in characters; longer ones are bad lines. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final long PROGRESS_INTERVAL_NANOS = 10_000_000_000L;
    private static final CSVFormat CSV = CSVFormat.RFC4180
            .builder()
            .setIgnoreEmptyLines(false)
            .setTrailingData(true)
            .setLenientEof(true)
            .get();

    private final Warehouse warehouse;

    public WarehouseImport(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * Imports one file.
     *
     * @param format the file's format, or {@link ImportFormat#AUTO} to tell from its first line
     * @throws ImportException when the file is missing, unreadable from the start, or not CSV or TSV at all
     * @throws WarehouseException when the warehouse cannot take the rows
     */
    public ImportReport importFile(Path file, ImportFormat format) {
        try (BufferedReader decoded = open(file)) {
            String start = readFirstLine(decoded);
            String firstLine = withoutLineBreak(start);
            refuseBinary(file, firstLine);
            ImportFormat actual = format == ImportFormat.AUTO ? detect(file, firstLine) : format;
            LOG.info("Importing file=[{}] format=[{}]", file, actual);
            PushbackReader reader = new PushbackReader(decoded, Math.max(1, start.length()));
            reader.unread(start.toCharArray());
            Tally tally = new Tally(file.toString(), actual);
            Reader records = new RecordLimitingReader(reader, MAX_RECORD_CHARS, actual == ImportFormat.CSV);
            try (BulkInsert insert = warehouse.beginImport()) {
                if (actual == ImportFormat.CSV) {
                    readCsv(file, records, tally, insert);
                } else {
                    readTsv(new BufferedReader(records, 1 << 16), tally, insert);
                }
                ImportReport report = tally.toReport(insert.commit());
                logOutcome(report);
                return report;
            }
        } catch (NoSuchFileException e) {
            throw new ImportException("no such file: " + file, e);
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            InputStream in = isGzip(raw) ? new GZIPInputStream(raw, 1 << 16) : raw;
            InputStreamReader decoder = new InputStreamReader(
                    in,
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE));
            return new BufferedReader(decoder, 1 << 16);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }

    /**
     * The start of the file up to and including the first line break, or its first {@value #MAX_RECORD_CHARS}
     * characters when the line is longer. Reading stops there, so a file cut short further on is still recognised.
     */
    private static String readFirstLine(BufferedReader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while (line.length() <= MAX_RECORD_CHARS && (c = reader.read()) != -1) {
            line.append((char) c);
            if (c == '\n') {
                break;
            }
        }
        return line.toString();
    }

    /** The first line without its line break. */
    private static String withoutLineBreak(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static void refuseBinary(Path file, String firstLine) {
        long replaced = firstLine.chars().filter(c -> c == '\uFFFD').count();
        if (firstLine.indexOf('\0') >= 0 || replaced > 8 && replaced * 10 > firstLine.length()) {
            throw new ImportException(file + " is not a CSV or TSV file: it holds binary data, not UTF-8 text");
        }
    }

    private static ImportFormat detect(Path file, String firstLine) {
        if (firstLine.split("\t", -1).length == AtomicField.COUNT) {
            return ImportFormat.TSV;
        }
        if (CsvHeader.parse(firstLine).hasAtomicColumn()) {
            return ImportFormat.CSV;
        }
        throw new ImportException(file + " is neither enriched TSV (its first line has "
                + firstLine.split("\t", -1).length + " tab-separated columns, not " + AtomicField.COUNT
                + ") nor a CSV export with a header naming atomic columns; first line: '" + abbreviate(firstLine)
                + "'");
    }

    private static void readCsv(Path file, Reader records, Tally tally, BulkInsert insert) throws IOException {
        try (CSVParser parser =
                CSVParser.builder().setReader(records).setFormat(CSV).get()) {
            Iterator<CSVRecord> iterator = parser.iterator();
            if (!iterator.hasNext()) {
                return;
            }
            CsvHeader header = CsvHeader.of(iterator.next().toList());
            requireUsableHeader(file, header);
            tally.unknownColumns(header.unknown());
            long previousEndLine = parser.getCurrentLineNumber();
            while (nextRecord(iterator, previousEndLine + 1, tally)) {
                CSVRecord record = iterator.next();
                long line = previousEndLine + 1;
                previousEndLine = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                tally.lineRead(line);
                accept(line, () -> header.toEvent(record), tally, insert);
            }
        }
    }

    /** {@code iterator.hasNext()}, turning a read or parse failure into a final bad line. */
    private static boolean nextRecord(Iterator<CSVRecord> iterator, long line, Tally tally) {
        try {
            return iterator.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            tally.stoppedReading(line, e);
            return false;
        }
    }

    private static void requireUsableHeader(Path file, CsvHeader header) {
        if (!header.hasAtomicColumn()) {
            throw new ImportException(file + " is not a CSV export: its header names none of the atomic columns");
        }
        if (!header.has(AtomicField.DERIVED_TSTAMP) && !header.has(AtomicField.COLLECTOR_TSTAMP)) {
            throw new ImportException(file + " has neither a derived_tstamp nor a collector_tstamp column,"
                    + " so no row could be placed in time");
        }
    }

    private static void readTsv(BufferedReader lines, Tally tally, BulkInsert insert) {
        long lineNumber = 0;
        while (true) {
            String line;
            try {
                line = lines.readLine();
            } catch (IOException e) {
                tally.stoppedReading(lineNumber + 1, e);
                return;
            }
            if (line == null) {
                return;
            }
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            tally.lineRead(lineNumber);
            String text = line;
            accept(lineNumber, () -> parseTsvLine(text), tally, insert);
        }
    }

    private static EnrichedEvent parseTsvLine(String line) {
        if (line.indexOf(RecordLimitingReader.TRUNCATED) >= 0) {
            throw new IllegalArgumentException("line longer than " + MAX_RECORD_CHARS + " characters");
        }
        long columns = line.chars().filter(c -> c == '\t').count() + 1;
        if (columns != AtomicField.COUNT) {
            throw new IllegalArgumentException(
                    "an enriched TSV line has " + AtomicField.COUNT + " columns, this one has " + columns);
        }
        return EnrichedTsv.parse(line);
    }

    /** Completes and stages one event, or records why the line is bad. */
    private static void accept(long line, EventSource source, Tally tally, BulkInsert insert) {
        EnrichedEvent event;
        try {
            event = ImportedEvents.complete(source.read(), tally);
        } catch (IllegalArgumentException e) {
            tally.badLine(line, e.getMessage());
            return;
        }
        insert.add(event);
    }

    private static void logOutcome(ImportReport report) {
        LOG.info(
                "Imported file=[{}] lines=[{}] rows=[{}] duplicates=[{}] bad_lines=[{}]",
                report.source(),
                report.linesRead(),
                report.rowsImported(),
                report.duplicates(),
                report.badLineCount());
        if (report.badLineCount() > 0) {
            ImportReport.BadLine first = report.badLines().getFirst();
            LOG.warn(
                    "Import skipped bad lines file=[{}] bad_lines=[{}] first=[line {}: {}]",
                    report.source(),
                    report.badLineCount(),
                    first.lineNumber(),
                    first.reason());
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /** Reads one event from a record; throws {@link IllegalArgumentException} with the reason when it cannot. */
    @FunctionalInterface
    private interface EventSource {
        EnrichedEvent read();
    }

    /** The columns of a CSV export's header, mapped to atomic fields. */
    private record CsvHeader(int size, Map<Integer, AtomicField> fields, List<String> unknown) {

        static CsvHeader parse(String line) {
            try (CSVParser parser = CSVParser.builder()
                    .setReader(new java.io.StringReader(line))
                    .setFormat(CSV)
                    .get()) {
                Iterator<CSVRecord> records = parser.iterator();
                return of(records.hasNext() ? records.next().toList() : List.of());
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                return of(List.of());
            }
        }

        static CsvHeader of(List<String> names) {
            Map<Integer, AtomicField> fields = new LinkedHashMap<>();
            List<String> unknown = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).strip();
                if (i == 0 && name.startsWith("\uFEFF")) {
                    name = name.substring(1);
                }
                AtomicField field = AtomicField.byName(name);
                if (field == null || fields.containsValue(field)) {
                    unknown.add(field == null ? name : name + " (repeated)");
                } else {
                    fields.put(i, field);
                }
            }
            return new CsvHeader(names.size(), fields, unknown);
        }

        boolean hasAtomicColumn() {
            return !fields.isEmpty();
        }

        boolean has(AtomicField field) {
            return fields.containsValue(field);
        }

        EnrichedEvent toEvent(CSVRecord record) {
            if (record.get(record.size() - 1).indexOf(RecordLimitingReader.TRUNCATED) >= 0) {
                throw new IllegalArgumentException("record longer than " + MAX_RECORD_CHARS + " characters");
            }
            if (record.size() != size) {
                throw new IllegalArgumentException(
                        "expected " + size + " fields as in the header, found " + record.size());
            }
            EnrichedEvent event = new EnrichedEvent();
            for (Map.Entry<Integer, AtomicField> column : fields.entrySet()) {
                AtomicField field = column.getValue();
                event.set(field, csvValue(field, record.get(column.getKey())));
            }
            return event;
        }

        private static Object csvValue(AtomicField field, String text) {
            if (text.isEmpty()) {
                return null;
            }
            return switch (field.type()) {
                case STRING -> EnrichedTsv.sanitise(text);
                case JSON -> compactJson(field, text);
                default -> EnrichedTsv.parseValue(field, text.strip());
            };
        }

        private static String compactJson(AtomicField field, String text) {
            try {
                return Json.write(Json.parse(text));
            } catch (JacksonException e) {
                throw new IllegalArgumentException(
                        "column " + field.columnName() + ": not JSON: '" + abbreviate(text) + "'", e);
            }
        }
    }

    /** Counts what an import sees. */
    static final class Tally {
        private final String source;
        private final ImportFormat format;
        private final List<ImportReport.BadLine> badLines = new ArrayList<>();
        private final List<String> unknownColumns = new ArrayList<>();
        private long linesRead;
        private long badLineCount;
        long generatedEventIds;
        long collectorTstampsFilled;
        long derivedTstampsFilled;
        private long lastProgressNanos = System.nanoTime();

        Tally(String source, ImportFormat format) {
            this.source = source;
            this.format = format;
        }

        void unknownColumns(List<String> names) {
            if (!names.isEmpty()) {
                unknownColumns.addAll(names);
                LOG.warn(
                        "Import ignores columns that are not atomic file=[{}] columns=[{}]",
                        source,
                        String.join(", ", names));
            }
        }

        void lineRead(long line) {
            linesRead++;
            if ((linesRead & 0x3fff) == 0 && System.nanoTime() - lastProgressNanos > PROGRESS_INTERVAL_NANOS) {
                lastProgressNanos = System.nanoTime();
                LOG.info("Import progress file=[{}] line=[{}] bad_lines=[{}]", source, line, badLineCount);
            }
        }

        void badLine(long line, String reason) {
            badLineCount++;
            if (badLines.size() < ImportReport.MAX_BAD_LINES_KEPT) {
                badLines.add(new ImportReport.BadLine(line, reason));
            }
            LOG.debug("Import bad line file=[{}] line=[{}] reason=[{}]", source, line, reason);
        }

        void stoppedReading(long line, Exception failure) {
            Throwable cause = failure instanceof UncheckedIOException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            linesRead++;
            badLine(line, "cannot read on from here, the rest of the file was not imported: " + cause.getMessage());
        }

        ImportReport toReport(BulkInsert.Result result) {
            return new ImportReport(
                    source,
                    format,
                    linesRead,
                    result.inserted(),
                    result.duplicates(),
                    badLineCount,
                    badLines,
                    unknownColumns,
                    generatedEventIds,
                    collectorTstampsFilled,
                    derivedTstampsFilled);
        }
    }

    /** The checks and defaults every imported event goes through. */
    static final class ImportedEvents {
        private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
        private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

        private ImportedEvents() {}

        static EnrichedEvent complete(EnrichedEvent event, Tally tally) {
            checkValues(event);
            checkJsonShapes(event);
            if (event.eventId() == null) {
                event.set(AtomicField.EVENT_ID, contentId(event));
                tally.generatedEventIds++;
            } else {
                checkUuid(event.eventId());
            }
            fillTimestamps(event, tally);
            return event;
        }

        private static void checkValues(EnrichedEvent event) {
            for (AtomicField field : AtomicField.ALL) {
                Object value = event.get(field);
                if (value instanceof String text && field.maxLength() > 0 && text.length() > field.maxLength()) {
                    throw new IllegalArgumentException("column " + field.columnName() + ": " + text.length()
                            + " characters, more than its limit of " + field.maxLength());
                }
                if (value instanceof Instant instant && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
                    throw new IllegalArgumentException(
                            "column " + field.columnName() + ": " + instant + " is outside years 0 to 9999");
                }
            }
        }

        private static void checkJsonShapes(EnrichedEvent event) {
            event.contexts();
            event.derivedContexts();
            event.unstructEvent();
        }

        private static void checkUuid(String eventId) {
            try {
                if (eventId.length() == 36) {
                    UUID.fromString(eventId);
                    return;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new IllegalArgumentException("column event_id: '" + abbreviate(eventId) + "' is not a UUID");
        }

        /** A name-based UUID of the event's canonical TSV, so the same content always gets the same id. */
        private static String contentId(EnrichedEvent event) {
            String tsv = EnrichedTsv.format(event);
            return UUID.nameUUIDFromBytes(("signalbox-import\t" + tsv).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }

        private static void fillTimestamps(EnrichedEvent event, Tally tally) {
            Instant collector = event.getInstant(AtomicField.COLLECTOR_TSTAMP);
            Instant derived = event.getInstant(AtomicField.DERIVED_TSTAMP);
            if (collector == null && derived == null) {
                throw new IllegalArgumentException("neither collector_tstamp nor derived_tstamp is set");
            }
            if (collector == null) {
                event.set(AtomicField.COLLECTOR_TSTAMP, derived);
                tally.collectorTstampsFilled++;
            } else if (derived == null) {
                event.set(AtomicField.DERIVED_TSTAMP, collector);
                tally.derivedTstampsFilled++;
            }
        }
    }
}
