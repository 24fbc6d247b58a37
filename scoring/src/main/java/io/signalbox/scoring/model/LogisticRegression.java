package io.signalbox.scoring.model;

import io.signalbox.events.Json;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * L2-regularised logistic regression on standardised inputs, fitted by Newton's method. Missing inputs take the
 * training mean, which standardises to 0, so they add nothing to the score.
 *
 * <p>The objective is the weighted log loss summed over rows plus {@code l2 / 2 * |beta|^2} (the intercept is not
 * penalised), the form of the usual {@code C = 1 / l2}; each Newton step solves the regularised normal equations
 * exactly, halving the step while the objective does not fall. A contribution is {@code beta_j * z_j}: how far this
 * prospect's input moves the log-odds away from an average prospect's.
 */
final class LogisticRegression implements Scorer {
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-9;

    private final double[] means;
    private final double[] scales;
    private final double[] coefficients;
    private final double intercept;

    private LogisticRegression(double[] means, double[] scales, double[] coefficients, double intercept) {
        this.means = means;
        this.scales = scales;
        this.coefficients = coefficients;
        this.intercept = intercept;
    }

    /**
     * Fits a model.
     *
     * @param rows inputs, NaN where missing
     * @param labels the outcome of each row
     * @param balanced whether to weigh each class by {@code n / (2 * n_class)}, as scikit-learn's {@code
     *     class_weight='balanced'} does
     * @param l2 the penalty on the coefficients, positive
     */
    static LogisticRegression fit(double[][] rows, boolean[] labels, boolean balanced, double l2) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        double[] means = new double[d];
        double[] scales = new double[d];
        standardisation(rows, means, scales);
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = standardise(rows[i], means, scales);
        }
        double[] weights = weights(labels, balanced);
        double[] beta = new double[d + 1];
        double objective = objective(z, labels, weights, beta, l2);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] step = newtonStep(z, labels, weights, beta, l2);
            double scale = 1;
            double[] next = beta;
            double nextObjective = objective;
            for (int halving = 0; halving < 30; halving++) {
                next = add(beta, step, scale);
                nextObjective = objective(z, labels, weights, next, l2);
                if (nextObjective <= objective) {
                    break;
                }
                scale /= 2;
            }
            double change = maxAbs(step) * scale;
            beta = next;
            boolean converged = objective - nextObjective < TOLERANCE * (1 + Math.abs(objective));
            objective = nextObjective;
            if (change < TOLERANCE || converged) {
                break;
            }
        }
        return new LogisticRegression(means, scales, Arrays.copyOf(beta, d), beta[d]);
    }

    private static void standardisation(double[][] rows, double[] means, double[] scales) {
        int d = means.length;
        for (int j = 0; j < d; j++) {
            double sum = 0;
            long count = 0;
            for (double[] row : rows) {
                if (!Double.isNaN(row[j])) {
                    sum += row[j];
                    count++;
                }
            }
            means[j] = count == 0 ? 0 : sum / count;
            double squares = 0;
            for (double[] row : rows) {
                if (!Double.isNaN(row[j])) {
                    squares += (row[j] - means[j]) * (row[j] - means[j]);
                }
            }
            double deviation = count == 0 ? 0 : Math.sqrt(squares / count);
            scales[j] = deviation > 1e-12 ? deviation : 1;
        }
    }

    private static double[] standardise(double[] row, double[] means, double[] scales) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = Double.isNaN(row[j]) ? 0 : (row[j] - means[j]) / scales[j];
        }
        return out;
    }

    private static double[] weights(boolean[] labels, boolean balanced) {
        double[] weights = new double[labels.length];
        long positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        long negatives = labels.length - positives;
        for (int i = 0; i < labels.length; i++) {
            if (!balanced || positives == 0 || negatives == 0) {
                weights[i] = 1;
            } else {
                weights[i] = labels.length / (2.0 * (labels[i] ? positives : negatives));
            }
        }
        return weights;
    }

    private static double linear(double[] z, double[] beta) {
        int d = z.length;
        double sum = beta[d];
        for (int j = 0; j < d; j++) {
            sum += beta[j] * z[j];
        }
        return sum;
    }

    private static double objective(double[][] z, boolean[] labels, double[] weights, double[] beta, double l2) {
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            double eta = linear(z[i], beta);
            // log(1 + e^eta) - y * eta, computed without overflow
            double softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
            loss += weights[i] * (softplus - (labels[i] ? eta : 0));
        }
        double penalty = 0;
        for (int j = 0; j < beta.length - 1; j++) {
            penalty += beta[j] * beta[j];
        }
        return loss + l2 / 2 * penalty;
    }

    private static double[] newtonStep(double[][] z, boolean[] labels, double[] weights, double[] beta, double l2) {
        int d = beta.length - 1;
        int m = d + 1;
        double[] gradient = new double[m];
        double[][] hessian = new double[m][m];
        for (int i = 0; i < z.length; i++) {
            double p = Scorer.sigmoid(linear(z[i], beta));
            double residual = weights[i] * ((labels[i] ? 1 : 0) - p);
            double curvature = weights[i] * p * (1 - p);
            for (int a = 0; a < m; a++) {
                double za = a == d ? 1 : z[i][a];
                gradient[a] += residual * za;
                for (int b = a; b < m; b++) {
                    double zb = b == d ? 1 : z[i][b];
                    hessian[a][b] += curvature * za * zb;
                }
            }
        }
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < a; b++) {
                hessian[a][b] = hessian[b][a];
            }
        }
        for (int j = 0; j < d; j++) {
            gradient[j] -= l2 * beta[j];
            hessian[j][j] += l2;
        }
        hessian[d][d] += 1e-9;
        return solve(hessian, gradient);
    }

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting; {@code a} is overwritten. */
    private static double[] solve(double[][] a, double[] b) {
        int m = b.length;
        double[] x = b.clone();
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int row = col + 1; row < m; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swapRow = a[col];
            a[col] = a[pivot];
            a[pivot] = swapRow;
            double swap = x[col];
            x[col] = x[pivot];
            x[pivot] = swap;
            if (Math.abs(a[col][col]) < 1e-300) {
                continue;
            }
            for (int row = col + 1; row < m; row++) {
                double factor = a[row][col] / a[col][col];
                for (int k = col; k < m; k++) {
                    a[row][k] -= factor * a[col][k];
                }
                x[row] -= factor * x[col];
            }
        }
        for (int row = m - 1; row >= 0; row--) {
            double sum = x[row];
            for (int k = row + 1; k < m; k++) {
                sum -= a[row][k] * x[k];
            }
            x[row] = Math.abs(a[row][row]) < 1e-300 ? 0 : sum / a[row][row];
        }
        return x;
    }

    private static double[] add(double[] beta, double[] step, double scale) {
        double[] out = new double[beta.length];
        for (int j = 0; j < beta.length; j++) {
            out[j] = beta[j] + scale * step[j];
        }
        return out;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    @Override
    public double[] contributions(double[] features) {
        double[] z = standardise(features, means, scales);
        double[] out = new double[z.length + 1];
        for (int j = 0; j < z.length; j++) {
            out[j] = coefficients[j] * z[j];
        }
        out[z.length] = intercept;
        return out;
    }

    @Override
    public double[] logOdds(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double sum = intercept;
            double[] z = standardise(rows[i], means, scales);
            for (int j = 0; j < z.length; j++) {
                sum += coefficients[j] * z[j];
            }
            out[i] = sum;
        }
        return out;
    }

    /** The coefficients on the standardised inputs, in feature order. */
    double[] coefficients() {
        return coefficients.clone();
    }

    JsonNode toJson() {
        ObjectNode node = Json.NODES.objectNode().put("intercept", intercept);
        Arrays.stream(coefficients).forEach(node.putArray("coefficients")::add);
        Arrays.stream(means).forEach(node.putArray("means")::add);
        Arrays.stream(scales).forEach(node.putArray("scales")::add);
        return node;
    }

    static LogisticRegression fromJson(JsonNode node, int features) {
        double[] coefficients = doubles(node.required("coefficients"), features, "coefficients");
        double[] means = doubles(node.required("means"), features, "means");
        double[] scales = doubles(node.required("scales"), features, "scales");
        return new LogisticRegression(
                means, scales, coefficients, node.required("intercept").asDouble());
    }

    private static double[] doubles(JsonNode array, int expected, String field) {
        if (!array.isArray() || array.size() != expected) {
            throw new IllegalArgumentException(
                    "logistic_regression." + field + " must hold " + expected + " numbers, was " + array.size());
        }
        double[] out = new double[expected];
        for (int i = 0; i < expected; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
