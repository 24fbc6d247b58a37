package io.signalbox.app.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The benchmarks of the project. */
public final class Benchmarks {
    private Benchmarks() {}

    /**
     * Every benchmark, in report order. A new one (the cluster mode's, say) is added here and then runs with the
     * others and lands in the same report.
     */
    public static List<Benchmark> all() {
        return List.of(
                new CollectorBenchmark(),
                new EngineBenchmark(),
                new ApiBenchmark(),
                new PredictBenchmark(),
                new ClusterBenchmark());
    }

    /** The named benchmarks in the given order, or all when none is named. */
    public static List<Benchmark> select(List<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        List<Benchmark> selected = new ArrayList<>();
        for (String name : names) {
            selected.add(all().stream()
                    .filter(benchmark -> benchmark.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no benchmark named '" + name + "'; known: "
                            + all().stream().map(Benchmark::name).toList())));
        }
        return selected;
    }

    public static void writeReport(Path dir, Map<String, List<Figure>> results) throws IOException {
        BenchReport.write(dir, results);
    }
}
