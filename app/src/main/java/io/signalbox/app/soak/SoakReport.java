package io.signalbox.app.soak;

import io.signalbox.events.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a soak's {@code report.md} and {@code report.json}: the verdict, the event-log check and every sample. */
public final class SoakReport {
    private SoakReport() {}

    public static void write(Path dir, SoakResult result, String settings) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("report.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(result, settings)));
        Files.writeString(dir.resolve("report.md"), markdown(result, settings));
    }

    private static ObjectNode json(SoakResult result, String settings) {
        ObjectNode root = Json.NODES.objectNode();
        root.put("settings", settings);
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        root.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        root.put("passed", result.passed());
        root.putPOJO("violations", result.violations());
        root.put("acknowledged_events", result.acknowledgedEvents());
        root.put("refused_requests", result.refusedRequests());
        root.put("failed_requests", result.failedRequests());
        root.put("missing_events", result.missingEvents());
        root.put("duplicated_events", result.duplicatedEvents());
        root.put("unexpected_events", result.unexpectedEvents());
        ArrayNode samples = root.putArray("samples");
        for (SoakSample sample : result.samples()) {
            samples.addObject()
                    .put("elapsed_seconds", sample.elapsedSeconds())
                    .put("live_heap_bytes", sample.liveHeapBytes())
                    .put("open_files", sample.openFiles())
                    .put("threads", sample.threads())
                    .put("store_bytes", sample.storeBytes())
                    .put("logged_events", sample.loggedEvents())
                    .put("lag_events", sample.lagEvents());
        }
        return root;
    }

    private static String markdown(SoakResult result, String settings) {
        StringBuilder md = new StringBuilder("# Signalbox soak report\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%s. Machine: %d CPUs, %s.%n%n",
                settings,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")));
        md.append(result.passed() ? "**Passed**: every bound held.\n\n" : "**Failed**:\n\n");
        result.violations()
                .forEach(violation -> md.append("- ").append(violation).append('\n'));
        md.append(String.format(
                Locale.ROOT,
                "%nEvents acknowledged: %,d; requests refused with 503 (and retried): %,d; other failures: %,d."
                        + " Event log: %,d missing, %,d duplicated, %,d never acknowledged.%n%n",
                result.acknowledgedEvents(),
                result.refusedRequests(),
                result.failedRequests(),
                result.missingEvents(),
                result.duplicatedEvents(),
                result.unexpectedEvents()));
        md.append(
                "| seconds | live heap MiB | open files | threads | store MiB | store bytes/event | logged | lag |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SoakSample sample : result.samples()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %.0f | %.1f | %d | %d | %.1f | %.0f | %,d | %,d |%n",
                    sample.elapsedSeconds(),
                    sample.liveHeapBytes() / 1048576.0,
                    sample.openFiles(),
                    sample.threads(),
                    sample.storeBytes() / 1048576.0,
                    sample.storeBytesPerEvent(),
                    sample.loggedEvents(),
                    sample.lagEvents()));
        }
        return md.toString();
    }
}
