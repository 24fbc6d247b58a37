package io.signalbox.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoDurationsTest {

    @ParameterizedTest
    @CsvSource({
        "PT10M, 600",
        "PT1H, 3600",
        "P1D, 86400",
        "P7DT2H, 612000",
        "PT1.5S, 1.5",
        "PT0S, 0",
        "P1Y, 31536000",
        "P1Y1D, 31622400",
        "P1Y35DT3H0.25S, 34570800.25",
        "PT0.000001S, 0.000001",
        "PT1M1S, 61",
        "P2Y, 63072000",
    })
    void shouldReadAndWriteAsPydanticDoes(String text, String seconds) {
        Duration duration = Duration.ofNanos(
                new java.math.BigDecimal(seconds).movePointRight(9).longValueExact());

        assertThat(IsoDurations.parse(text)).isEqualTo(duration);
        assertThat(IsoDurations.format(duration)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
        "P1M, P30D",
        "P1W, P7D",
        "P1W1D, P8D",
        "PT36H, P1DT12H",
        "PT0.5H, PT30M",
        "P0.5D, PT12H",
        "+P1D, P1D",
        "P1.5Y, P1Y182DT12H",
        "P1Y2M3W4DT5H6M7.5S, P1Y85DT5H6M7.5S",
        "-PT1S, -PT1S",
        "-P1D, -P1D",
    })
    void shouldNormaliseOtherFormsAsPydanticDoes(String text, String written) {
        assertThat(IsoDurations.format(IsoDurations.parse(text))).isEqualTo(written);
    }

    @Test
    void shouldWriteNegativeDurationsWithALeadingMinus() {
        assertThat(IsoDurations.format(Duration.ofHours(-22))).isEqualTo("-PT22H");
        assertThat(IsoDurations.parse("-PT22H")).isEqualTo(Duration.ofHours(-22));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "P", "PT", "p1d", "1D", "P1S", "PT1D", "P1D1Y", "P.5D", "P1..5D", "P1DT", "PTT1H", "P1X"})
    void shouldRefuseTextThatIsNotADuration(String text) {
        assertThatThrownBy(() -> IsoDurations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }
}
