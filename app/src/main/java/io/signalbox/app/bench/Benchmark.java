package io.signalbox.app.bench;

import java.util.List;

/** One benchmark of {@code signalbox bench}. */
public interface Benchmark {

    /** The name used on the command line, such as {@code collector}. */
    String name();

    /** One sentence on what it measures. */
    String description();

    /** Runs it and returns its figures, each with its ceiling where it has one. */
    List<Figure> run(BenchOptions options) throws Exception;
}
