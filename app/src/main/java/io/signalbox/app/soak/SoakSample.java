package io.signalbox.app.soak;

/**
 * What the soak saw at one moment.
 *
 * @param elapsedSeconds seconds since the load started
 * @param liveHeapBytes heap in use right after a full collection
 * @param openFiles file descriptors the process holds open
 * @param threads live threads
 * @param storeBytes bytes of every file under the data directory (event log, profiles, warehouse)
 * @param loggedEvents events in the event log
 * @param lagEvents events logged but not yet processed by the attribute engine
 */
public record SoakSample(
        double elapsedSeconds,
        long liveHeapBytes,
        long openFiles,
        int threads,
        long storeBytes,
        long loggedEvents,
        long lagEvents) {

    /** Store bytes per logged event, or 0 before the first event. */
    public double storeBytesPerEvent() {
        return loggedEvents == 0 ? 0 : storeBytes / (double) loggedEvents;
    }
}
