package io.signalbox.app.soak;

import java.util.List;

/**
 * The outcome of a soak: the samples, what the load was answered, the check of the event log, and every bound that
 * did not hold, each as a sentence naming the figure and its values.
 *
 * @param acknowledgedEvents events whose request got 200
 * @param refusedRequests requests answered 503 (retried until accepted or the load stopped)
 * @param failedRequests requests answered anything else or not at all
 * @param missingEvents acknowledged events not in the log
 * @param duplicatedEvents events in the log more than once
 * @param unexpectedEvents events in the log that were never acknowledged
 */
public record SoakResult(
        List<SoakSample> samples,
        long acknowledgedEvents,
        long refusedRequests,
        long failedRequests,
        long missingEvents,
        long duplicatedEvents,
        long unexpectedEvents,
        List<String> violations) {

    public SoakResult {
        samples = List.copyOf(samples);
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}
