package io.signalbox.engine.warehouse;

import java.io.IOException;
import java.io.Reader;

/**
 * Passes text through but cuts every record longer than a limit, so that no parser above it ever buffers more.
 *
 * <p>A record ends at a line break outside quotes. With {@code quoted} set, quotes follow RFC 4180: a record is inside
 * a quoted field while it has seen an odd number of {@code "} (a doubled {@code ""} counts twice), so line breaks
 * inside quoted fields do not end it. A record over the limit is replaced from that point by {@link #TRUNCATED},
 * closed so that a CSV parser still reads it as one record, and the rest of it is skipped; the reader above recognises
 * the marker and reports the record.
 */
final class RecordLimitingReader extends Reader {
    /** Marks a cut record; a noncharacter, which decoding UTF-8 input never produces. */
    static final char TRUNCATED = '\uFFFF';

    private final Reader in;
    private final int maxRecordChars;
    private final boolean quoted;
    private final char[] buffer = new char[16384];
    private int position;
    private int limit;
    private int recordChars;
    private boolean inQuotes;
    private boolean skipping;
    private String pending = "";
    private int pendingPosition;

    RecordLimitingReader(Reader in, int maxRecordChars, boolean quoted) {
        this.in = in;
        this.maxRecordChars = maxRecordChars;
        this.quoted = quoted;
    }

    @Override
    public int read(char[] out, int offset, int length) throws IOException {
        int count = 0;
        while (count < length) {
            if (pendingPosition < pending.length()) {
                out[offset + count++] = pending.charAt(pendingPosition++);
                continue;
            }
            if (position == limit && (count > 0 || !fill())) {
                break;
            }
            char c = buffer[position++];
            if (accept(c)) {
                out[offset + count++] = c;
            }
        }
        return count == 0 && length > 0 ? -1 : count;
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    /** Tracks the record and returns whether {@code c} goes through. */
    private boolean accept(char c) {
        boolean wasInQuotes = inQuotes;
        if (quoted && c == '"') {
            inQuotes = !inQuotes;
        }
        boolean recordEnd = (c == '\n' || c == '\r') && !inQuotes;
        if (recordEnd) {
            recordChars = 0;
            skipping = false;
            return true;
        }
        if (skipping) {
            return false;
        }
        if (++recordChars <= maxRecordChars) {
            return true;
        }
        skipping = true;
        pending = !quoted ? String.valueOf(TRUNCATED) : wasInQuotes ? TRUNCATED + "\"" : "," + TRUNCATED;
        pendingPosition = 0;
        return false;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
