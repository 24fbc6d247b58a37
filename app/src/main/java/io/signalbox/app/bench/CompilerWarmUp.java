package io.signalbox.app.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms a server in this JVM up until the JIT compiler has compiled what a load needs, so that what a benchmark then
 * measures is compiled code, not the compiler. A fixed warm-up cannot know how long that takes: on a two-core 2 GHz
 * machine the compilers were still busy 0.6 of a core after a minute of collector load and quiet after 80 s, and the
 * collector's figure doubled once it was measured after them.
 */
final class CompilerWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(CompilerWarmUp.class);
    /** The compiler counts as quiet once its threads, together, compile for less than this share of a round. */
    private static final double QUIET_SHARE = 0.05;
    /** The length of each round of load; the compiler's share is measured over one round. */
    private static final int ROUND_SECONDS = 10;

    private static final long MAX_NANOS = 240_000_000_000L;

    private CompilerWarmUp() {}

    /**
     * Runs rounds of load (each of about {@link #ROUND_SECONDS}) until the JIT compilers work less than {@link
     * #QUIET_SHARE} of a round, or four minutes have gone; returns the rounds run.
     *
     * @param what what is warmed up, for the log
     * @param round one round of load, run by nobody who measures it
     */
    static int untilQuiet(String what, Callable<LoadRun.Result> round) throws Exception {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + MAX_NANOS;
        for (int number = 1; ; number++) {
            long compiledMillis = compiler.getTotalCompilationTime();
            long started = System.nanoTime();
            LoadRun.Result result = round.call();
            double share =
                    (compiler.getTotalCompilationTime() - compiledMillis) / ((System.nanoTime() - started) / 1e6);
            LOG.info(
                    "{} round {}: {} requests answered 200 (not counted), JIT compilers busy {}% of a core",
                    what, number, result.status(200), Math.round(share * 100));
            if (share < QUIET_SHARE || System.nanoTime() > deadline) {
                return number;
            }
        }
    }

    /** The options of one warm-up round: no warm-up of its own, {@link #ROUND_SECONDS} of load. */
    static BenchOptions round(BenchOptions options) {
        return new BenchOptions(0, ROUND_SECONDS, options.connections(), options.workDir());
    }
}
