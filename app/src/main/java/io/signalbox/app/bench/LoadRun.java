package io.signalbox.app.bench;

import io.signalbox.events.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** Runs the {@link LoadGenerator} in a separate JVM and reads its report. */
final class LoadRun {
    private LoadRun() {}

    /**
     * A load to apply.
     *
     * @param rate requests per second, or 0 for as many as the server takes (closed loop)
     */
    record Spec(
            int port,
            String method,
            String path,
            String contentType,
            byte[] body,
            int connections,
            int warmupSeconds,
            int durationSeconds,
            long rate,
            List<String> headers) {}

    /**
     * The load generator's report: requests/s, statuses, latency percentiles in milliseconds and the CPU seconds the
     * generator used, warm-up included.
     */
    record Result(
            double requestsPerSecond,
            long requests,
            long errors,
            JsonNode statuses,
            JsonNode latencyMillis,
            double cpuSeconds) {
        double latency(String percentile) {
            return latencyMillis.get(percentile).asDouble();
        }

        long status(int code) {
            JsonNode count = statuses.get(Integer.toString(code));
            return count == null ? 0 : count.asLong();
        }
    }

    static Result run(Spec spec) throws IOException, InterruptedException {
        Path body = Files.createTempFile("signalbox-load", ".body");
        try {
            Files.write(body, spec.body());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LoadGenerator.class.getName(),
                    "127.0.0.1",
                    Integer.toString(spec.port()),
                    spec.method(),
                    spec.path(),
                    spec.contentType(),
                    spec.body().length == 0 ? "-" : body.toString(),
                    Integer.toString(spec.connections()),
                    Integer.toString(spec.warmupSeconds()),
                    Integer.toString(spec.durationSeconds()),
                    Long.toString(spec.rate())));
            command.addAll(spec.headers());
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String output =
                    new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(spec.warmupSeconds() + spec.durationSeconds() + 60L, TimeUnit.SECONDS)
                    || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("the load generator failed: " + output);
            }
            JsonNode report = Json.parse(output.strip());
            return new Result(
                    report.get("requests_per_second").asDouble(),
                    report.get("requests").asLong(),
                    report.get("errors").asLong(),
                    report.get("statuses"),
                    report.get("latency_ms"),
                    report.path("cpu_seconds").asDouble(0));
        } finally {
            Files.deleteIfExists(body);
        }
    }
}
