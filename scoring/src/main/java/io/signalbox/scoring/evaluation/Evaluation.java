package io.signalbox.scoring.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How well scores predict outcomes on held-out rows: ranking (ROC AUC, PR AUC), probability quality (log loss, Brier
 * score, expected calibration error and the calibration curve) and the confusion matrix at a threshold.
 *
 * <p>Ties are handled as the usual definitions say: ROC AUC counts a tied positive-negative pair as half; the PR AUC
 * is average precision, stepping over tied scores at once; the calibration curve and the error use ten bins of equal
 * width over [0, 1], the error weighting each bin's gap between mean score and observed rate by its share of rows.
 */
public final class Evaluation {
    static final int CALIBRATION_BINS = 10;
    private static final double EPSILON = 1e-15;

    /** One point of a curve. */
    public record Point(double x, double y) {}

    /** One calibration bin: its range, its rows, the mean score and the observed share of positives. */
    public record Bin(double from, double to, long rows, double meanScore, double observedRate) {}

    /**
     * The confusion matrix at a threshold: a score at or above it predicts the goal.
     *
     * @param threshold the threshold
     */
    public record Confusion(
            double threshold, long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {
        public double precision() {
            long predicted = truePositives + falsePositives;
            return predicted == 0 ? 0 : truePositives / (double) predicted;
        }

        public double recall() {
            long actual = truePositives + falseNegatives;
            return actual == 0 ? 0 : truePositives / (double) actual;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public double accuracy() {
            long all = truePositives + falsePositives + trueNegatives + falseNegatives;
            return all == 0 ? 0 : (truePositives + trueNegatives) / (double) all;
        }
    }

    /**
     * The figures of one evaluation.
     *
     * @param rows rows evaluated
     * @param positives positive rows
     * @param rocAuc area under the ROC curve
     * @param prAuc average precision
     * @param logLoss mean negative log-likelihood (scores clipped to [1e-15, 1 - 1e-15])
     * @param brier mean squared error of the scores
     * @param expectedCalibrationError see the class description
     * @param confusion at the model's threshold
     * @param roc the ROC curve (false-positive rate, true-positive rate)
     * @param precisionRecall the precision-recall curve (recall, precision)
     * @param calibration the calibration bins
     */
    public record Result(
            long rows,
            long positives,
            double rocAuc,
            double prAuc,
            double logLoss,
            double brier,
            double expectedCalibrationError,
            Confusion confusion,
            List<Point> roc,
            List<Point> precisionRecall,
            List<Bin> calibration) {

        public double baseRate() {
            return rows == 0 ? 0 : positives / (double) rows;
        }
    }

    private Evaluation() {}

    /**
     * Evaluates scores.
     *
     * @throws IllegalArgumentException when the arrays differ in length, or a class is absent (AUC is then undefined)
     */
    public static Result of(double[] scores, boolean[] labels, double threshold) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(
                    "scores and labels differ in number: " + scores.length + " and " + labels.length);
        }
        long positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException(
                    "evaluation needs positive and negative rows, had " + positives + " positive of " + labels.length);
        }
        Integer[] order = descending(scores);
        return new Result(
                labels.length,
                positives,
                rocAuc(scores, labels, order, positives),
                averagePrecision(scores, labels, order, positives),
                logLoss(scores, labels),
                brier(scores, labels),
                calibrationError(calibration(scores, labels), labels.length),
                confusion(scores, labels, threshold),
                rocCurve(scores, labels, order, positives),
                precisionRecallCurve(scores, labels, order, positives),
                calibration(scores, labels));
    }

    /** ROC AUC alone, for repeated splits. */
    public static double rocAuc(double[] scores, boolean[] labels) {
        long positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        return rocAuc(scores, labels, descending(scores), positives);
    }

    private static Integer[] descending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return order;
    }

    /** Mann-Whitney: the share of positive-negative pairs ranked right, ties counting half. */
    private static double rocAuc(double[] scores, boolean[] labels, Integer[] order, long positives) {
        long negatives = labels.length - positives;
        double correct = 0;
        long negativesAbove = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            long tiedPositives = 0;
            long tiedNegatives = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                if (labels[order[j]]) {
                    tiedPositives++;
                } else {
                    tiedNegatives++;
                }
                j++;
            }
            // Each positive in this group beats every negative below it: those not yet seen, less the tied ones.
            long negativesBelow = negatives - negativesAbove - tiedNegatives;
            correct += tiedPositives * (negativesBelow + tiedNegatives / 2.0);
            negativesAbove += tiedNegatives;
            i = j;
        }
        return correct / ((double) positives * negatives);
    }

    private static double averagePrecision(double[] scores, boolean[] labels, Integer[] order, long positives) {
        double sum = 0;
        long truePositives = 0;
        long seen = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            long tiedPositives = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                tiedPositives += labels[order[j]] ? 1 : 0;
                j++;
            }
            seen += j - i;
            truePositives += tiedPositives;
            double precision = truePositives / (double) seen;
            sum += precision * tiedPositives / positives;
            i = j;
        }
        return sum;
    }

    private static List<Point> rocCurve(double[] scores, boolean[] labels, Integer[] order, long positives) {
        long negatives = labels.length - positives;
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0));
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                if (labels[order[j]]) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            points.add(new Point(fp / (double) negatives, tp / (double) positives));
            i = j;
        }
        return thin(points);
    }

    private static List<Point> precisionRecallCurve(
            double[] scores, boolean[] labels, Integer[] order, long positives) {
        List<Point> points = new ArrayList<>();
        long tp = 0;
        long seen = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                tp += labels[order[j]] ? 1 : 0;
                j++;
            }
            seen += j - i;
            points.add(new Point(tp / (double) positives, tp / (double) seen));
            i = j;
        }
        return thin(points);
    }

    /** At most about 500 points, for plots and reports. */
    private static List<Point> thin(List<Point> points) {
        if (points.size() <= 500) {
            return points;
        }
        List<Point> out = new ArrayList<>();
        double step = points.size() / 500.0;
        for (double k = 0; k < points.size(); k += step) {
            out.add(points.get((int) k));
        }
        out.add(points.getLast());
        return out;
    }

    private static double logLoss(double[] scores, boolean[] labels) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = Math.min(1 - EPSILON, Math.max(EPSILON, scores[i]));
            sum -= labels[i] ? Math.log(p) : Math.log(1 - p);
        }
        return sum / scores.length;
    }

    private static double brier(double[] scores, boolean[] labels) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double error = scores[i] - (labels[i] ? 1 : 0);
            sum += error * error;
        }
        return sum / scores.length;
    }

    private static List<Bin> calibration(double[] scores, boolean[] labels) {
        long[] rows = new long[CALIBRATION_BINS];
        double[] scoreSums = new double[CALIBRATION_BINS];
        long[] positives = new long[CALIBRATION_BINS];
        for (int i = 0; i < scores.length; i++) {
            int bin = Math.min(CALIBRATION_BINS - 1, (int) Math.floor(scores[i] * CALIBRATION_BINS));
            bin = Math.max(0, bin);
            rows[bin]++;
            scoreSums[bin] += scores[i];
            positives[bin] += labels[i] ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < CALIBRATION_BINS; b++) {
            bins.add(new Bin(
                    b / (double) CALIBRATION_BINS,
                    (b + 1) / (double) CALIBRATION_BINS,
                    rows[b],
                    rows[b] == 0 ? 0 : scoreSums[b] / rows[b],
                    rows[b] == 0 ? 0 : positives[b] / (double) rows[b]));
        }
        return bins;
    }

    private static double calibrationError(List<Bin> bins, long rows) {
        double sum = 0;
        for (Bin bin : bins) {
            sum += bin.rows() / (double) rows * Math.abs(bin.meanScore() - bin.observedRate());
        }
        return sum;
    }

    /** The confusion matrix at a threshold. */
    public static Confusion confusion(double[] scores, boolean[] labels, double threshold) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] >= threshold;
            if (predicted && labels[i]) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (labels[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(threshold, tp, fp, tn, fn);
    }

    /** The threshold that maximises F1 on these rows; 0.5 when no threshold predicts any positive right. */
    public static double bestF1Threshold(double[] scores, boolean[] labels) {
        double[] candidates = Arrays.stream(scores).distinct().sorted().toArray();
        double best = 0.5;
        double bestF1 = 0;
        int stride = Math.max(1, candidates.length / 2_000);
        for (int i = 0; i < candidates.length; i += stride) {
            double f1 = confusion(scores, labels, candidates[i]).f1();
            if (f1 > bestF1) {
                bestF1 = f1;
                best = candidates[i];
            }
        }
        return best;
    }
}
