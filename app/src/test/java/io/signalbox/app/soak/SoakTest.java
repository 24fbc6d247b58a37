package io.signalbox.app.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak of {@code signalbox soak}: two minutes in every test run, thirty with the {@code soak} tag ({@code mvn -pl
 * app -am verify -DexcludedTestGroups=bench -Dgroups=soak}).
 */
class SoakTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepHeapFilesThreadsAndStoreBoundedAndLoseNothingForTwoMinutes() throws Exception {
        soak(Duration.ofMinutes(2), Duration.ofSeconds(5));
    }

    @Test
    @Tag("soak")
    void shouldKeepHeapFilesThreadsAndStoreBoundedAndLoseNothingForThirtyMinutes() throws Exception {
        soak(Duration.ofMinutes(30), Duration.ofSeconds(30));
    }

    private void soak(Duration duration, Duration sampleInterval) throws Exception {
        Path definitions = Path.of(System.getProperty("signalbox.root", "."), "definitions");
        SoakResult result = new Soak(duration, sampleInterval, 40, dir.resolve("data"), List.of(definitions)).run();
        SoakReport.write(dir.resolve("report"), result, "test soak of " + duration);
        SoakSample last = result.samples().getLast();
        System.out.printf(
                "soak %s: %d events acknowledged, %d refused requests; last sample %s; max live heap %d MiB,"
                        + " max open files %d%n",
                duration,
                result.acknowledgedEvents(),
                result.refusedRequests(),
                last,
                result.samples().stream()
                                .mapToLong(SoakSample::liveHeapBytes)
                                .max()
                                .orElse(0)
                        >> 20,
                result.samples().stream().mapToLong(SoakSample::openFiles).max().orElse(0));

        assertThat(result.violations()).as("bounds that did not hold").isEmpty();
        assertThat(result.acknowledgedEvents()).isGreaterThan(duration.toSeconds() * 40 * 10 / 2);
        assertThat(result.missingEvents()).isZero();
        assertThat(result.duplicatedEvents()).isZero();
        assertThat(result.unexpectedEvents()).isZero();
    }
}
