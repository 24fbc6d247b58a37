package io.signalbox.app.bench;

import io.signalbox.events.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes {@code report.json} and {@code report.md}: every figure with its ceiling and ratio, and the machine. */
final class BenchReport {
    private BenchReport() {}

    static void write(Path dir, Map<String, List<Figure>> results) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("report.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(results)));
        Files.writeString(dir.resolve("report.md"), markdown(results));
    }

    private static ObjectNode json(Map<String, List<Figure>> results) {
        ObjectNode root = Json.NODES.objectNode();
        root.put("generated_at", Instant.now().toString());
        root.set("machine", machine());
        ArrayNode figures = root.putArray("figures");
        results.forEach((benchmark, list) -> list.forEach(figure -> {
            ObjectNode item = figures.addObject();
            item.put("benchmark", benchmark);
            item.put("name", figure.name());
            item.put("value", round(figure.value()));
            item.put("unit", figure.unit());
            item.put("ceiling", round(figure.ceiling()));
            item.put("ceiling_name", figure.ceilingName());
            if (figure.ratio() != null) {
                item.put("ratio", round(figure.ratio()));
            } else {
                item.putNull("ratio");
            }
            item.put("higher_is_better", figure.higherIsBetter());
        }));
        return root;
    }

    private static ObjectNode machine() {
        ObjectNode machine = Json.NODES.objectNode();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    private static String markdown(Map<String, List<Figure>> results) {
        StringBuilder md = new StringBuilder("# Signalbox benchmark report\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Machine: %d CPUs, %s, %s. Generated %s.%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                Instant.now()));
        md.append("Ratio: value over ceiling for throughputs, ceiling over value for latencies"
                + " (1.0 = at the ceiling).\n\n");
        md.append("| benchmark | figure | value | unit | ceiling | ceiling is | ratio |\n");
        md.append("|---|---|---:|---|---:|---|---:|\n");
        results.forEach((benchmark, list) -> list.forEach(figure -> md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s |%n",
                benchmark,
                figure.name(),
                format(figure.value()),
                figure.unit(),
                figure.ceiling() == null ? "–" : format(figure.ceiling()),
                figure.ceiling() == null ? "–" : figure.ceilingName(),
                figure.ratio() == null ? "–" : String.format(Locale.ROOT, "%.2f", figure.ratio())))));
        return md.toString();
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3f", value);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
