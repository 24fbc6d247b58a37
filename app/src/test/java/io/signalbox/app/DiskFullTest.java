package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A real full disk: {@link DiskFullScenario} runs in a private mount namespace ({@code unshare}) on a 96 MiB tmpfs,
 * so nothing outside the test sees the mount and it disappears with the process. Needs Linux with {@code unshare}
 * and either root or unprivileged user namespaces; elsewhere the test is skipped.
 */
class DiskFullTest {
    private static final String TMPFS_SIZE = "96m";

    @TempDir
    Path dir;

    @Test
    void shouldAnswer503WhileTheDiskIsFullAndAcceptAgainOnceSpaceIsFreed() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("mnt"));
        assertThat(canMountTmpfs(mount))
                .as("mounting a small tmpfs in a private mount namespace (unshare --mount --map-root-user, from"
                        + " util-linux); this test needs it to fill a real disk")
                .isTrue();
        Path result = dir.resolve("result.json");
        Path log = dir.resolve("scenario.log");

        List<String> command = new ArrayList<>(List.of(
                "unshare",
                "--mount",
                "--map-root-user",
                "sh",
                "-c",
                "mount -t tmpfs -o size=" + TMPFS_SIZE + " tmpfs \"$1\" && shift && exec \"$@\"",
                "sh",
                mount.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                DiskFullScenario.class.getName(),
                mount.toString(),
                result.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(process.waitFor(4, TimeUnit.MINUTES))
                .as("the scenario finished; see %s", log)
                .isTrue();
        assertThat(process.exitValue())
                .as("the scenario's exit code; see %s", log)
                .isZero();

        Files.readAllLines(log).stream()
                .filter(line -> line.contains("WARN") || line.contains("ERROR") || line.startsWith("rocksdb:"))
                .limit(60)
                .forEach(line -> System.out.println("scenario: " + line));
        JsonNode seen = Json.parse(Files.readString(result));
        System.out.println("disk full: " + seen);
        JsonNode statuses = seen.get("statuses");
        assertThat(statuses.get("503").asLong())
                .as("503 answers while the disk was full")
                .isPositive();
        assertThat(statuses.propertyNames()).as("statuses answered").containsOnly("200", "503");
        assertThat(seen.get("without_retry_after").asLong()).isZero();
        assertThat(seen.get("transport_errors").asLong()).isZero();
        assertThat(seen.get("accepted_while_full").asLong())
                .as("requests accepted while the disk was full")
                .isZero();
        assertThat(seen.get("free_bytes_while_refusing").asLong())
                .as("free bytes once refusing: the reserve is kept for what must still be written")
                .isGreaterThan(DiskFullScenario.RESERVE_BYTES / 2);
        assertThat(seen.get("recovery_millis").asLong())
                .as("milliseconds from freeing space to the first 200")
                .isLessThan(5_000);
        assertThat(seen.get("accepted_of_50_after_recovery").asInt()).isEqualTo(50);
        assertThat(seen.get("acknowledged_missing").asLong())
                .as("acknowledged events missing")
                .isZero();
        assertThat(seen.get("logged_twice").asLong()).as("events logged twice").isZero();
        assertThat(seen.get("logged_not_acknowledged").asLong())
                .as("events of refused requests in the log")
                .isZero();
    }

    private static boolean canMountTmpfs(Path mount) {
        try {
            Process probe = new ProcessBuilder(
                            "unshare",
                            "--mount",
                            "--map-root-user",
                            "sh",
                            "-c",
                            "mount -t tmpfs -o size=1m tmpfs \"$1\"",
                            "sh",
                            mount.toString())
                    .redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
