package io.signalbox.app.bench;

/**
 * One measured figure of a benchmark, with the ceiling it is compared against: the same measurement of the
 * simplest thing that could do the job on the same machine in the same run. Every figure has one.
 *
 * @param name snake_case name, such as {@code collector_events_per_second}
 * @param value the measurement
 * @param unit its unit, such as {@code events/s} or {@code ms}
 * @param ceiling the same measurement of the ceiling
 * @param ceilingName what the ceiling measured
 * @param higherIsBetter whether a larger value is better (throughput) or worse (latency)
 */
public record Figure(
        String name, double value, String unit, Double ceiling, String ceilingName, boolean higherIsBetter) {

    public Figure {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(unit, "unit");
        if (ceiling == null || ceilingName == null) {
            throw new IllegalArgumentException("figure '" + name + "' needs a ceiling measured in the same run");
        }
    }

    /**
     * The value over the ceiling for throughputs, the ceiling over the value for latencies: 1.0 means at the
     * ceiling.
     */
    public Double ratio() {
        if (ceiling == null || ceiling == 0 || value == 0) {
            return null;
        }
        return higherIsBetter ? value / ceiling : ceiling / value;
    }
}
