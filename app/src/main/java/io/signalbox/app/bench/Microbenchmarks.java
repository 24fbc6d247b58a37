package io.signalbox.app.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH microbenchmarks of one class in a forked JVM and returns each method's score. */
final class Microbenchmarks {
    private Microbenchmarks() {}

    /**
     * Runs every {@code @Benchmark} method of {@code benchmarks}.
     *
     * @return the primary score by method name, in operations per second for {@link Mode#Throughput} or in {@code
     *     unit} per operation for {@link Mode#AverageTime}
     */
    static Map<String, Double> run(Class<?> benchmarks, Mode mode, TimeUnit unit) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(java.util.regex.Pattern.quote(benchmarks.getName()) + "\\..*")
                .mode(mode)
                .timeUnit(unit)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend(
                        "-Xmx2g",
                        "--enable-native-access=ALL-UNNAMED",
                        "-Dsignalbox.root=" + System.getProperty("signalbox.root", "."))
                .shouldFailOnError(true)
                .build();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : new Runner(options).run()) {
            String label = result.getParams().getBenchmark();
            scores.put(
                    label.substring(label.lastIndexOf('.') + 1),
                    result.getPrimaryResult().getScore());
        }
        return scores;
    }
}
