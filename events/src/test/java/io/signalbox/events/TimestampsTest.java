package io.signalbox.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void shouldFormatWithThreeMillisecondDigitsInUtc() {
        assertThat(Timestamps.format(Instant.parse("2024-03-01T09:15:02.007Z"))).isEqualTo("2024-03-01 09:15:02.007");
        assertThat(Timestamps.format(Instant.parse("1969-12-31T23:59:59.999Z"))).isEqualTo("1969-12-31 23:59:59.999");
    }

    @Test
    void shouldRoundTripRandomInstants() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long millis = random.nextLong(-2_000_000_000_000L, 250_000_000_000_000L);
            assertThat(Timestamps.parseMillis(Timestamps.format(millis))).isEqualTo(millis);
        }
    }

    @Test
    void shouldRejectMalformedStrictTimestamps() {
        assertThatThrownBy(() -> Timestamps.parse("2024-03-01T09:15:02.007"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-03-01T09:15:02.007");
        assertThatThrownBy(() -> Timestamps.parse("2024-02-30 09:15:02.007"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid date");
        assertThatThrownBy(() -> Timestamps.parse("2024-03-01 24:15:02.007"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void shouldReadExportFormsLeniently() {
        Instant expected = Instant.parse("2025-04-23T00:21:24.939Z");
        assertThat(Timestamps.parseLenient("2025-04-23 00:21:24.939")).isEqualTo(expected);
        assertThat(Timestamps.parseLenient("2025-04-23T00:21:24.939Z")).isEqualTo(expected);
        assertThat(Timestamps.parseLenient("2025-04-23 00:21:24.939123")).isEqualTo(expected);
        assertThat(Timestamps.parseLenient("2025-04-23T02:21:24.939+02:00")).isEqualTo(expected);
        assertThat(Timestamps.parseLenient("2025-04-23 00:21:24")).isEqualTo(Instant.parse("2025-04-23T00:21:24Z"));
        assertThatThrownBy(() -> Timestamps.parseLenient("yesterday")).isInstanceOf(IllegalArgumentException.class);
    }
}
