package io.signalbox.engine.warehouse;

import java.util.List;
import java.util.Locale;

/**
 * What an import did. Every line read is accounted for: {@code linesRead = rowsImported + duplicates +
 * badLineCount}.
 *
 * @param source the file
 * @param format the format the file was read as
 * @param linesRead data records read, without the CSV header and blank lines
 * @param rowsImported rows added to the warehouse
 * @param duplicates rows left out because their {@code event_id} was in the warehouse already or earlier in the file
 * @param badLineCount lines skipped because they could not be read as an event
 * @param badLines the first {@value #MAX_BAD_LINES_KEPT} bad lines, in file order
 * @param unknownColumns CSV header names that are not atomic columns, ignored
 * @param generatedEventIds rows without an {@code event_id} that were given one derived from their content
 * @param collectorTstampsFilled rows without {@code collector_tstamp} that were given their {@code derived_tstamp}
 * @param derivedTstampsFilled rows without {@code derived_tstamp} that were given their {@code collector_tstamp}
 */
public record ImportReport(
        String source,
        ImportFormat format,
        long linesRead,
        long rowsImported,
        long duplicates,
        long badLineCount,
        List<BadLine> badLines,
        List<String> unknownColumns,
        long generatedEventIds,
        long collectorTstampsFilled,
        long derivedTstampsFilled) {

    /** How many bad lines a report keeps; all are counted. */
    public static final int MAX_BAD_LINES_KEPT = 100;

    public ImportReport {
        badLines = List.copyOf(badLines);
        unknownColumns = List.copyOf(unknownColumns);
    }

    /**
     * A line that was skipped.
     *
     * @param lineNumber the line of the file where the record starts, from 1 (a CSV header is line 1)
     * @param reason why it was skipped
     */
    public record BadLine(long lineNumber, String reason) {}

    /** A few lines for people: the counts, then up to {@code maxBadLines} bad lines. */
    public String summary(int maxBadLines) {
        StringBuilder text = new StringBuilder()
                .append(source)
                .append(" (")
                .append(format.name().toLowerCase(Locale.ROOT))
                .append("): ")
                .append(linesRead)
                .append(" lines read, ")
                .append(rowsImported)
                .append(" rows imported, ")
                .append(duplicates)
                .append(" duplicates skipped, ")
                .append(badLineCount)
                .append(" bad lines skipped");
        appendNote(
                text, unknownColumns.isEmpty(), "columns ignored (not atomic): " + String.join(", ", unknownColumns));
        appendNote(text, generatedEventIds == 0, "event_id generated from the line's content: " + generatedEventIds);
        appendNote(
                text, collectorTstampsFilled == 0, "collector_tstamp set to derived_tstamp: " + collectorTstampsFilled);
        appendNote(text, derivedTstampsFilled == 0, "derived_tstamp set to collector_tstamp: " + derivedTstampsFilled);
        int shown = Math.min(maxBadLines, badLines.size());
        for (int i = 0; i < shown; i++) {
            BadLine bad = badLines.get(i);
            text.append(System.lineSeparator())
                    .append("  line ")
                    .append(bad.lineNumber())
                    .append(": ")
                    .append(bad.reason());
        }
        if (badLineCount > shown) {
            text.append(System.lineSeparator())
                    .append("  … and ")
                    .append(badLineCount - shown)
                    .append(" more");
        }
        return text.toString();
    }

    private static void appendNote(StringBuilder text, boolean skip, String note) {
        if (!skip) {
            text.append(System.lineSeparator()).append("  ").append(note);
        }
    }
}
