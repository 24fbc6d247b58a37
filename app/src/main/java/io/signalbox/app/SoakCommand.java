package io.signalbox.app;

import io.signalbox.app.soak.Soak;
import io.signalbox.app.soak.SoakReport;
import io.signalbox.app.soak.SoakResult;
import io.signalbox.attributes.IsoDurations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signalbox soak}: steady traffic for a long time, checking that the node stays bounded and loses nothing. */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description = "Drive steady tracking traffic through a node and check that heap, open files, threads and store"
                + " size stay bounded and that no acknowledged event is lost; writes report.md and report.json.")
final class SoakCommand implements Callable<Integer> {

    @Option(
            names = "--duration",
            defaultValue = "30m",
            description = "How long to drive traffic: 30m, 90s, 2h or ISO-8601 (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(
            names = "--rate",
            defaultValue = "50",
            description = "Requests per second, each a batch of ten events (default: ${DEFAULT-VALUE}).")
    int batchesPerSecond;

    @Option(names = "--out", description = "Report directory (default: target/soak under the project).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Duration length = parseDuration(duration);
        Duration interval = sampleInterval(length);
        Path dataDir = Files.createTempDirectory("signalbox-soak");
        SoakResult result;
        try {
            result = new Soak(
                            length,
                            interval,
                            batchesPerSecond,
                            dataDir,
                            RunCommand.definitionDirsOrDefault(java.util.List.of()))
                    .run();
        } finally {
            FileTrees.delete(dataDir);
        }
        Path reportDir = out != null ? out : defaultReportDir();
        String settings = String.format(
                Locale.ROOT,
                "%s at %d requests/s of 10 events, sampled every %ss",
                length,
                batchesPerSecond,
                interval.toSeconds());
        SoakReport.write(reportDir, result, settings);
        System.out.println(result.passed() ? "Soak passed." : "Soak FAILED:");
        result.violations().forEach(violation -> System.out.println("  " + violation));
        System.out.println("Report: " + reportDir.resolve("report.md"));
        return result.passed() ? 0 : 1;
    }

    /** {@code 30m}, {@code 90s}, {@code 2h} or an ISO-8601 duration. */
    static Duration parseDuration(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (trimmed.matches("[0-9]+[smh]")) {
                long amount = Long.parseLong(trimmed.substring(0, trimmed.length() - 1));
                return switch (trimmed.charAt(trimmed.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            return IsoDurations.parse(text.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--duration must look like 30m, 90s, 2h or PT30M, was '" + text + "'");
        }
    }

    /** About 60 samples, at least 5 s apart. */
    static Duration sampleInterval(Duration length) {
        return Duration.ofSeconds(Math.max(5, length.toSeconds() / 60));
    }

    private static Path defaultReportDir() {
        String root = System.getProperty("signalbox.root");
        return (root != null ? Path.of(root) : Path.of(".")).resolve("target").resolve("soak");
    }
}
