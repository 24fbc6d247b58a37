package io.signalbox.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;

/**
 * The process's own meters at {@code /metrics}: heap and other memory pools, garbage collection (with the live data
 * size after a collection), threads, open file descriptors and CPU, which tell an operator and the soak test whether
 * the node stays bounded.
 */
final class JvmMeters {
    private JvmMeters() {}

    /** Binds the meters; close the result to stop the garbage-collection listener. */
    static AutoCloseable bind(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }
}
