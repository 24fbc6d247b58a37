package io.signalbox.engine.warehouse;

/** A load did not start at the warehouse's loaded offset: another loader moved it, or the caller lost track. */
public final class OffsetMismatchException extends WarehouseException {
    private final long loadedOffset;

    public OffsetMismatchException(long expectedOffset, long loadedOffset) {
        super("the warehouse's loaded offset is " + loadedOffset + ", not " + expectedOffset
                + " as the load assumed; is another loader writing to it?");
        this.loadedOffset = loadedOffset;
    }

    /** The offset the warehouse actually holds. */
    public long loadedOffset() {
        return loadedOffset;
    }
}
