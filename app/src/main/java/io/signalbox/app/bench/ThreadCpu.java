package io.signalbox.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time this JVM's threads have used, summed by the part of a node they serve, read from {@code
 * /proc/self/task} (Linux only). A benchmark takes one sample before a load and one after; the difference says where
 * the cores went: to the request threads, the event log, the warehouse loader, the garbage collector, the compiler.
 * Threads are told apart by their names, which the kernel keeps to 15 characters. A thread that ends between the two
 * samples is in neither, so what it used is missing; a node's threads live as long as the node.
 */
final class ThreadCpu {
    /** The kernel's clock ticks per second for per-thread times, 100 on every Linux architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu() {}

    /** CPU seconds by part since each thread started; empty where {@code /proc} has no per-thread times. */
    static Map<String, Double> sample() {
        Map<String, Double> seconds = new TreeMap<>();
        if (!Files.isDirectory(TASKS)) {
            return seconds;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> addTask(seconds, task));
        } catch (IOException e) {
            seconds.clear();
        }
        return seconds;
    }

    /** The seconds each part used between two samples, without parts that used none. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new TreeMap<>();
        after.forEach((part, total) -> {
            double delta = total - before.getOrDefault(part, 0.0);
            if (delta > 0) {
                used.put(part, delta);
            }
        });
        return used;
    }

    private static void addTask(Map<String, Double> seconds, Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).strip();
            String stat = Files.readString(task.resolve("stat"));
            // The fields after the name, which is in parentheses and may hold spaces: utime and stime are the 12th
            // and 13th of them (fields 14 and 15 of the whole line).
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            seconds.merge(partOf(name), ticks / TICKS_PER_SECOND, Double::sum);
        } catch (IOException | RuntimeException e) {
            // the thread ended between listing and reading: it is left out, as if it had ended before the sample
        }
    }

    /** The part of the node a thread of this name serves. */
    static String partOf(String threadName) {
        if (threadName.startsWith("ForkJoinPool-")) {
            return "requests (HTTP, enrichment, encoding)";
        }
        if (threadName.startsWith("event-log-write")) {
            return "event log writer";
        }
        if (threadName.startsWith("rocksdb:")) {
            return "RocksDB flush and compaction";
        }
        if (threadName.startsWith("warehouse-loade")) {
            return "warehouse loader";
        }
        if (threadName.startsWith("attribute-proce")) {
            return "attribute processor";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "garbage collector";
        }
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return "JIT compiler";
        }
        return "other";
    }
}
