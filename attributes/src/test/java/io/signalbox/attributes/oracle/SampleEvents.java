package io.signalbox.attributes.oracle;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads {@code samples/sample_events.csv.gz}, Snowplow's artificial export of the prospect-scoring tutorial: a
 * gzipped CSV with a header of upper-case atomic column names and every value quoted.
 */
public final class SampleEvents {
    private SampleEvents() {}

    /** Where the file is: {@code samples/} of the repository root, which tests get as {@code signalbox.root}. */
    public static Path defaultPath() {
        Path root = Path.of(System.getProperty("signalbox.root", ".."));
        return root.resolve("samples/sample_events.csv.gz").normalize();
    }

    /** The rows as maps from upper-case header to value (empty values as null), in file order. */
    public static List<Map<String, String>> rows(Path file) throws IOException {
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<List<String>> records = parseCsv(text);
        List<String> header = records.getFirst();
        List<Map<String, String>> rows = new ArrayList<>(records.size() - 1);
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() != header.size()) {
                throw new IOException("a row has " + record.size() + " fields, the header " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String value = record.get(i);
                row.put(header.get(i).toUpperCase(java.util.Locale.ROOT), value.isEmpty() ? null : value);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The rows as enriched events: each column whose header names an atomic column is set from its text. */
    public static List<EnrichedEvent> events(Path file) throws IOException {
        List<EnrichedEvent> events = new ArrayList<>();
        for (Map<String, String> row : rows(file)) {
            EnrichedEvent event = new EnrichedEvent();
            row.forEach((column, value) -> {
                AtomicField field = AtomicField.byName(column);
                if (field != null) {
                    event.set(field, EnrichedTsv.parseValue(field, value));
                }
            });
            events.add(event);
        }
        return events;
    }

    /** RFC 4180: comma-separated, fields optionally in double quotes with {@code ""} for a quote; CRLF or LF. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
