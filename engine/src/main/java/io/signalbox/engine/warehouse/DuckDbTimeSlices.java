package io.signalbox.engine.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a time-ordered scan into slices of a bounded number of rows, so that no single sort holds more than that many
 * whole rows. DuckDB can sort out of core, but with wide rows and several threads it runs out of memory long before
 * it spills (200,000 events of 3.7 KB failed at 1 GiB); sorting the {@code derived_tstamp} column alone to find the
 * slice boundaries costs a few bytes a row.
 */
final class DuckDbTimeSlices {
    /** Memory budget per row of a slice: about four copies of a 5 KB event while it is sorted and fetched. */
    private static final long BYTES_PER_SLICE_ROW = 20 << 10;

    private DuckDbTimeSlices() {}

    /** Rows per slice for a memory limit: 52,428 at 1 GiB, 13,107 at 256 MiB, never fewer than 1,000. */
    static int sliceRows(long memoryLimitBytes) {
        return Math.clamp(memoryLimitBytes / BYTES_PER_SLICE_ROW, 1_000, 1_000_000);
    }

    /**
     * The {@code derived_tstamp} values where slices after the first begin, ascending: every {@code sliceRows}th
     * value of the rows {@code where} selects, without the first one. Rows with the same time are never split.
     *
     * @param where a condition on {@code table} with {@code ?} placeholders for {@code parameters}
     */
    static List<LocalDateTime> boundaries(
            Connection connection, String table, String where, List<Object> parameters, int sliceRows)
            throws SQLException {
        String sql = "SELECT DISTINCT derived_tstamp FROM (SELECT derived_tstamp, row_number() OVER (ORDER BY"
                + " derived_tstamp) AS rn FROM " + table + " WHERE derived_tstamp IS NOT NULL AND " + where + ")"
                + " WHERE rn % " + sliceRows + " = 1 ORDER BY derived_tstamp";
        List<LocalDateTime> starts = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    starts.add(result.getObject(1, LocalDateTime.class));
                }
            }
        }
        return starts.isEmpty() ? starts : starts.subList(1, starts.size());
    }
}
