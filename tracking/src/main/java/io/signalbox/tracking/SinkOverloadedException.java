package io.signalbox.tracking;

import java.time.Duration;

/** The sink cannot store more events right now; the collector answers 503 with {@code Retry-After}. */
public final class SinkOverloadedException extends RuntimeException {
    private final Duration retryAfter;

    public SinkOverloadedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long the client should wait before it retries. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
