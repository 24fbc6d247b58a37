package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DerivedTimestampTest {
    private static final Instant COLLECTOR = Instant.parse("2024-03-01T10:00:05Z");
    private static final Instant CREATED = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant SENT = Instant.parse("2024-03-01T10:00:01.500Z");

    @Test
    void shouldSubtractTheDeviceWaitFromTheCollectorTimeWhenAllThreeAreKnown() {
        assertThat(DerivedTimestamp.derive(null, COLLECTOR, CREATED, SENT))
                .isEqualTo(Instant.parse("2024-03-01T10:00:03.500Z"));
    }

    @Test
    void shouldUseTheTrueTimestampWhenTheTrackerSentOne() {
        Instant trueTstamp = Instant.parse("2024-02-29T08:00:00Z");

        assertThat(DerivedTimestamp.derive(trueTstamp, COLLECTOR, CREATED, SENT))
                .isEqualTo(trueTstamp);
    }

    @Test
    void shouldUseTheCollectorTimeWhenTheSendTimeIsMissing() {
        assertThat(DerivedTimestamp.derive(null, COLLECTOR, CREATED, null)).isEqualTo(COLLECTOR);
    }

    @Test
    void shouldUseTheCollectorTimeWhenTheDeviceClockRanBackwards() {
        assertThat(DerivedTimestamp.derive(null, COLLECTOR, SENT, CREATED)).isEqualTo(COLLECTOR);
        assertThat(DerivedTimestamp.derive(null, COLLECTOR, SENT, SENT)).isEqualTo(COLLECTOR);
    }

    @Test
    void shouldTrustTheIntervalEvenWhenTheDeviceClockIsYearsOff() {
        Instant created = Instant.parse("1999-01-01T00:00:00Z");
        Instant sent = Instant.parse("1999-01-01T00:00:02Z");

        assertThat(DerivedTimestamp.derive(null, COLLECTOR, created, sent))
                .isEqualTo(Instant.parse("2024-03-01T10:00:03Z"));
    }

    @Test
    void shouldUseTheCollectorTimeWhenTheDeviceWaitWouldPutTheEventBeforeYearZero() {
        Instant sentInYear7411 = Instant.ofEpochMilli(171_709_284_501_500L);

        assertThat(DerivedTimestamp.derive(null, COLLECTOR, CREATED, sentInYear7411))
                .isEqualTo(COLLECTOR);
    }
}
