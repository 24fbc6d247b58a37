package io.signalbox.app;

import io.signalbox.app.bench.BenchOptions;
import io.signalbox.app.bench.Benchmark;
import io.signalbox.app.bench.Benchmarks;
import io.signalbox.app.bench.Figure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signalbox bench}: runs the benchmarks and writes a report with each figure beside its ceiling. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run the benchmarks (all, or those named) and write report.md and report.json.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Benchmarks to run (default: all).")
    List<String> names = new ArrayList<>();

    @Option(names = "--out", description = "Report directory (default: target/bench under the project).")
    Path out;

    @Option(names = "--duration", defaultValue = "20", description = "Measured seconds per load (default: 20).")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds per load (default: 5).")
    int warmupSeconds;

    @Option(names = "--connections", defaultValue = "64", description = "Connections of closed-loop loads.")
    int connections;

    @Option(names = "--list", description = "List the benchmarks and exit.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        if (list) {
            Benchmarks.all().forEach(b -> System.out.printf("%-12s %s%n", b.name(), b.description()));
            return 0;
        }
        List<Benchmark> selected = Benchmarks.select(names);
        Path reportDir = out != null ? out : defaultReportDir();
        Path workDir = Files.createTempDirectory("signalbox-bench");
        BenchOptions options = new BenchOptions(warmupSeconds, durationSeconds, connections, workDir);
        Map<String, List<Figure>> results = new LinkedHashMap<>();
        try {
            for (Benchmark benchmark : selected) {
                System.out.printf("== %s: %s%n", benchmark.name(), benchmark.description());
                List<Figure> figures = benchmark.run(options);
                results.put(benchmark.name(), figures);
                figures.forEach(BenchCommand::print);
            }
        } finally {
            // The nodes' data directories hold gigabytes after a collector run.
            FileTrees.delete(workDir);
        }
        Benchmarks.writeReport(reportDir, results);
        System.out.println("Report: " + reportDir.resolve("report.md"));
        return 0;
    }

    private static void print(Figure figure) {
        System.out.printf(
                Locale.ROOT,
                "%-34s %,14.3f %-9s   ceiling (%s) %,.3f %s   ratio %s%n",
                figure.name(),
                figure.value(),
                figure.unit(),
                figure.ceilingName(),
                figure.ceiling(),
                figure.unit(),
                figure.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", figure.ratio()));
    }

    private static Path defaultReportDir() {
        String root = System.getProperty("signalbox.root");
        return (root != null ? Path.of(root) : Path.of(".")).resolve("target").resolve("bench");
    }
}
