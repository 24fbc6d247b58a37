package io.signalbox.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2};
    private static final boolean[] LABELS = {true, true, false, true, false, false, true, false};

    @Test
    void shouldCountRankedPairsForRocAuc() {
        // Positives at ranks 1, 2, 4, 7: of the 16 positive-negative pairs, 12 are ranked right.
        assertThat(Evaluation.of(SCORES, LABELS, 0.5).rocAuc()).isEqualTo(12 / 16.0);
    }

    @Test
    void shouldCountTiedPairsAsHalf() {
        double[] tied = {0.5, 0.5, 0.5, 0.5};
        boolean[] labels = {true, false, true, false};

        assertThat(Evaluation.of(tied, labels, 0.5).rocAuc()).isEqualTo(0.5);
    }

    @Test
    void shouldAveragePrecisionAtEachPositive() {
        // Precision at the positives: 1/1, 2/2, 3/4, 4/7.
        double expected = (1 + 1 + 0.75 + 4 / 7.0) / 4;

        assertThat(Evaluation.of(SCORES, LABELS, 0.5).prAuc()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void shouldGiveLogLossBrierAndTheConfusionMatrix() {
        Evaluation.Result result = Evaluation.of(new double[] {0.8, 0.4}, new boolean[] {true, false}, 0.5);

        assertThat(result.logLoss()).isCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, within(1e-12));
        assertThat(result.brier()).isCloseTo((0.04 + 0.16) / 2, within(1e-12));
        assertThat(result.confusion().truePositives()).isEqualTo(1);
        assertThat(result.confusion().trueNegatives()).isEqualTo(1);
        assertThat(result.confusion().f1()).isEqualTo(1.0);
    }

    @Test
    void shouldWeighEachCalibrationBinsGapByItsRows() {
        // Bin 0.1-0.2: mean 0.15, observed 0.5 (2 rows); bin 0.9-1.0: mean 0.95, observed 1 (2 rows).
        double[] scores = {0.1, 0.2 - 1e-9, 0.95, 0.95};
        boolean[] labels = {true, false, true, true};

        Evaluation.Result result = Evaluation.of(scores, labels, 0.5);

        assertThat(result.expectedCalibrationError()).isCloseTo(0.5 * 0.35 + 0.5 * 0.05, within(1e-6));
        assertThat(result.calibration()).hasSize(10);
        assertThat(result.calibration().get(1).rows()).isEqualTo(2);
    }

    @Test
    void shouldPickTheThresholdOfTheBestF1() {
        assertThat(Evaluation.bestF1Threshold(SCORES, LABELS)).isEqualTo(0.6);
    }

    @Test
    void shouldRefuseRowsOfOneClass() {
        assertThatThrownBy(() -> Evaluation.of(new double[] {0.1, 0.2}, new boolean[] {false, false}, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs positive and negative rows");
    }
}
