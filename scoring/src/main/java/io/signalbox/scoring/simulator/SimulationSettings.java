package io.signalbox.scoring.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * What to simulate.
 *
 * @param seed makes the simulation deterministic: the same settings give the same events, ids included
 * @param prospects how many prospects arrive over the span
 * @param start when the first prospect may arrive
 * @param span how long prospects keep arriving; every event happens within it
 * @param siteHost the marketing site's host, as in {@code page_url}
 */
public record SimulationSettings(long seed, int prospects, Instant start, Duration span, String siteHost) {
    public SimulationSettings {
        if (prospects <= 0) {
            throw new IllegalArgumentException("prospects must be positive, was " + prospects);
        }
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("span must be positive, was " + span);
        }
    }

    /** When the span ends: no event happens after it. */
    public Instant end() {
        return start.plus(span);
    }

    /** 5,000 prospects over the 30 days before {@code end}, seed 42, on www.acme.example. */
    public static SimulationSettings defaults(Instant end) {
        Duration span = Duration.ofDays(30);
        return new SimulationSettings(42, 5_000, end.minus(span), span, "www.acme.example");
    }

    public SimulationSettings withProspects(int count) {
        return new SimulationSettings(seed, count, start, span, siteHost);
    }

    public SimulationSettings withSeed(long newSeed) {
        return new SimulationSettings(newSeed, prospects, start, span, siteHost);
    }
}
