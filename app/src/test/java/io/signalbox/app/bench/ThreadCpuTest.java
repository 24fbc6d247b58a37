package io.signalbox.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ThreadCpuTest {

    @Test
    void shouldTellTheNodesPartsApartByThreadName() {
        assertThat(ThreadCpu.partOf("ForkJoinPool-1-worker-2")).isEqualTo("requests (HTTP, enrichment, encoding)");
        assertThat(ThreadCpu.partOf("ForkJoinPool.commonPool-worker-1")).isEqualTo("other");
        assertThat(ThreadCpu.partOf("event-log-write")).isEqualTo("event log writer");
        assertThat(ThreadCpu.partOf("warehouse-loade")).isEqualTo("warehouse loader");
        assertThat(ThreadCpu.partOf("attribute-proce")).isEqualTo("attribute processor");
        assertThat(ThreadCpu.partOf("rocksdb:low")).isEqualTo("RocksDB flush and compaction");
        assertThat(ThreadCpu.partOf("GC Thread#1")).isEqualTo("garbage collector");
        assertThat(ThreadCpu.partOf("G1 Conc#0")).isEqualTo("garbage collector");
        assertThat(ThreadCpu.partOf("C2 CompilerThre")).isEqualTo("JIT compiler");
        assertThat(ThreadCpu.partOf("main")).isEqualTo("other");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldCountTheCpuAThreadUsedBetweenTwoSamplesToItsPart() throws Exception {
        Map<String, Double> before = ThreadCpu.sample();
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch sampled = new CountDownLatch(1);
        Thread busy = Thread.ofPlatform().name("event-log-writer").start(() -> {
            spinForCpuNanos(300_000_000L);
            spun.countDown();
            awaitQuietly(sampled);
        });

        spun.await();
        Map<String, Double> used = ThreadCpu.between(before, ThreadCpu.sample());
        sampled.countDown();
        busy.join();

        assertThat(used.get("event log writer"))
                .as("seconds of the thread that spun 0.3 s of CPU")
                .isNotNull();
        assertThat(used.get("event log writer")).isBetween(0.25, 2.0);
    }

    @Test
    void shouldLeaveOutPartsThatUsedNothing() {
        Map<String, Double> used = ThreadCpu.between(
                Map.of("garbage collector", 1.5, "other", 2.0), Map.of("garbage collector", 1.5, "other", 2.25));

        assertThat(used).containsExactly(Map.entry("other", 0.25));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Spins until this thread has used the given CPU time, however busy the machine is. */
    private static void spinForCpuNanos(long nanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() - start < nanos) {
            for (int i = 0; i < 10_000; i++) {
                sink += i * 31L;
            }
        }
        if (sink == 42) {
            System.out.println(sink);
        }
    }
}
