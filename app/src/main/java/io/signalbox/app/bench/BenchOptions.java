package io.signalbox.app.bench;

import java.nio.file.Path;

/**
 * How long and how hard benchmarks run.
 *
 * @param warmupSeconds load applied before measuring
 * @param durationSeconds measured load per run
 * @param connections concurrent connections of closed-loop loads
 * @param workDir scratch space for data directories
 */
public record BenchOptions(int warmupSeconds, int durationSeconds, int connections, Path workDir) {}
