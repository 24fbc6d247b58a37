package io.signalbox.scoring.model;

/**
 * The fitted core of a model: numbers in, log-odds out, split into one additive contribution per feature so that
 * every score comes with its explanation.
 */
sealed interface Scorer permits LogisticRegression, GradientBoostedTrees {

    /** Each feature's contribution to the log-odds, then the bias as the last element; they sum to the log-odds. */
    double[] contributions(double[] features);

    /** The log-odds of many rows at once. */
    double[] logOdds(double[][] rows);

    static double sigmoid(double logOdds) {
        return 1 / (1 + Math.exp(-logOdds));
    }
}
