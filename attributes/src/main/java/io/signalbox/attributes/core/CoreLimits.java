package io.signalbox.attributes.core;

/**
 * The bounds on what one profile's state may hold. They are the memory policy of the engine; see {@link
 * CompiledGroup} for what happens at each bound.
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
