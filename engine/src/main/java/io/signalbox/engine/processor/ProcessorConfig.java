package io.signalbox.engine.processor;

import java.time.Duration;

/**
 * Tuning of the embedded processor.
 *
 * @param maxBatchEvents events read and committed together at most
 * @param cachedProfiles decoded profiles kept in memory between batches
 * @param sweepInterval how often expired profiles are looked for and deleted
 * @param sweepChunk profiles examined per sweep step between batches
 */
public record ProcessorConfig(int maxBatchEvents, int cachedProfiles, Duration sweepInterval, int sweepChunk) {
    public ProcessorConfig {
        if (maxBatchEvents <= 0 || cachedProfiles <= 0 || sweepChunk <= 0) {
            throw new IllegalArgumentException("processor sizes must be positive, were maxBatchEvents=" + maxBatchEvents
                    + " cachedProfiles=" + cachedProfiles + " sweepChunk=" + sweepChunk);
        }
    }

    public static ProcessorConfig defaults() {
        return new ProcessorConfig(2_000, 200_000, Duration.ofMinutes(1), 2_000);
    }
}
