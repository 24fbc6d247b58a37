package io.signalbox.attributes.core;

/**
 * The bounds on what one profile's state may hold: the engine's memory policy.
 *
 * <h2>Windows</h2>
 *
 * Let {@code P} be an attribute's period, {@code N} the newest event time applied to it and {@code L} {@link
 * #maxWindowEntries()}.
 *
 * <ul>
 *   <li>Entries at or before {@code N - P} can never be inside a window read at or after {@code N}; they are dropped
 *       as {@code N} advances, and a late event that old is not added.
 *   <li>The remaining entries are kept raw, one per event, while there are at most {@code L} of them. Windows are
 *       then exact to the millisecond: reading as of {@code t >= N} folds exactly the events with {@code t - P < ts
 *       <= t}.
 *   <li>Beyond {@code L}, the oldest entries are merged into tiles of width {@code w = max(1 ms, P / windowTiles)},
 *       aligned to multiples of {@code w} since the epoch. A tile keeps the mergeable partial aggregate of its
 *       entries (count; sum and count; minimum; maximum; first or last value with its time; value counts; a
 *       HyperLogLog sketch) and their smallest and largest times. A read includes a tile only when all its entries
 *       are inside the window. As of {@code t}, a tile is thus fully counted, fully outside, or the one tile that
 *       straddles the trailing edge {@code t - P}, which is left out. <b>Error bound:</b> the result is the exact
 *       aggregate of the window's events minus those of the straddling tile that are inside it, all of which have
 *       {@code t - P < ts < t - P + w}; the window behaves as if it were between {@code P - w} and {@code P} long.
 *       For a counter, {@code exact - n <= value <= exact}, where {@code n} counts the events in {@code (t - P, t - P
 *       + w)}; with the defaults {@code w} is {@code P / 1024}, about 10 minutes of a 7-day window. No tiles, no
 *       error: a window is exact whenever it has never held more than {@code L} entries since its oldest tile.
 *   <li>{@code last}, {@code time_since_last} (of the event time) and {@code unique_list} windows need no entries
 *       beyond one per value and stay exact at any size.
 *   <li>Memory per windowed attribute and profile is at most {@code L} entries plus {@code windowTiles + 1} tiles.
 * </ul>
 *
 * <h2>Distinct values</h2>
 *
 * {@code unique_list} keeps the {@link #maxDistinctValues()} most recently seen values (the least recently seen one
 * makes room). {@code most_frequent}, {@code least_frequent} and {@code category_count} count at most that many
 * values; a new value then evicts the one with the lowest count (ties: the greatest value), which makes {@code
 * least_frequent} unreliable past the cap. {@code category_count} writes at most that many entries, highest counts
 * first. {@code approx_count_distinct} is bounded by its sketch (16 KiB) instead.
 *
 * @param maxWindowEntries raw entries a windowed attribute keeps before it merges the oldest into tiles (default
 *     4,096)
 * @param windowTiles how many tiles a window is cut into: a tile is {@code period / windowTiles} wide (default
 *     1,024)
 * @param maxDistinctValues distinct values kept by {@code unique_list}, {@code most_frequent}, {@code
 *     least_frequent} and {@code category_count}, and written by {@code category_count} (default 1,000)
 */
public record CoreLimits(int maxWindowEntries, int windowTiles, int maxDistinctValues) {

    /** The defaults: 4,096 raw entries, 1,024 tiles, 1,000 distinct values. */
    public static final CoreLimits DEFAULT = new CoreLimits(4_096, 1_024, 1_000);

    public CoreLimits {
        if (maxWindowEntries < 1 || maxWindowEntries > 1 << 24) {
            throw new IllegalArgumentException("maxWindowEntries must be within 1..16777216, was " + maxWindowEntries);
        }
        if (windowTiles < 1 || windowTiles > 1 << 20) {
            throw new IllegalArgumentException("windowTiles must be within 1..1048576, was " + windowTiles);
        }
        if (maxDistinctValues < 1 || maxDistinctValues > 1 << 20) {
            throw new IllegalArgumentException("maxDistinctValues must be within 1..1048576, was " + maxDistinctValues);
        }
    }
}
