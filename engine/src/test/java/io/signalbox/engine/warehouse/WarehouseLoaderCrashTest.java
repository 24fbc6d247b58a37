package io.signalbox.engine.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.engine.log.RocksEventLog;
import io.signalbox.engine.log.SyncPolicy;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a loader running in a child JVM and checks that no log entry is lost or loaded twice. */
class WarehouseLoaderCrashTest {
    private static final int EVENTS = 40_000;

    @TempDir
    Path dir;

    private static String eventId(int i) {
        return new UUID(0xC0FFEEL, i).toString();
    }

    private Path storeDir() {
        return dir.resolve("store");
    }

    private Path warehouseFile() {
        return dir.resolve("warehouse.duckdb");
    }

    private void fillLog() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(storeDir(), 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 256 << 20)) {
            for (int chunk = 0; chunk < EVENTS; chunk += 5000) {
                List<EnrichedEvent> events = new ArrayList<>();
                for (int i = chunk; i < chunk + 5000; i++) {
                    events.add(TestEvents.pageView(i, "u" + (i % 100)).set(AtomicField.EVENT_ID, eventId(i)));
                }
                TestEvents.append(log, events);
            }
        }
    }

    private Process startChild(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                LoaderChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(
                        dir.resolve("child-" + System.nanoTime() + ".log").toFile())
                .start();
    }

    /** Reads the child's output until it reports a loaded offset of at least {@code atLeast}; returns that offset. */
    private static long awaitLoadedAtLeast(Process child, long atLeast) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("LOADED ") && Long.parseLong(line.substring(7)) >= atLeast) {
                return Long.parseLong(line.substring(7));
            }
            if (line.equals("DONE")) {
                throw new AssertionError("the child loaded everything before it could be killed");
            }
        }
        throw new AssertionError("the child ended without reaching offset " + atLeast + ", exit " + child.waitFor());
    }

    private static void kill(Process child) throws Exception {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Checks that the warehouse holds exactly the log entries before its loaded offset, once each. */
    private long assertExactlyTheLoadedPrefix() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(warehouseFile(), 256 << 20)) {
            long offset = warehouse.loadedOffset();
            List<String> ids = warehouse.query("SELECT event_id FROM events", rows -> {
                List<String> all = new ArrayList<>();
                while (rows.next()) {
                    all.add(rows.getString(1));
                }
                return all;
            });
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < offset; i++) {
                expected.add(eventId(i));
            }
            assertThat(ids).hasSize((int) offset).doesNotHaveDuplicates();
            assertThat(new HashSet<>(ids)).isEqualTo(expected);
            return offset;
        }
    }

    @Test
    void shouldLoadEachEntryExactlyOnceWhenTheLoaderIsKilledMidStream() throws Exception {
        fillLog();

        long lastSeen = 0;
        long offset = 0;
        for (int round = 1; round <= 2; round++) {
            Process child =
                    startChild("load", storeDir().toString(), warehouseFile().toString(), "500");
            lastSeen = awaitLoadedAtLeast(child, offset + 4000);
            kill(child);

            offset = assertExactlyTheLoadedPrefix();
            assertThat(offset).isGreaterThanOrEqualTo(lastSeen).isLessThan(EVENTS);
        }

        try (EmbeddedStore store = EmbeddedStore.open(storeDir(), 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 256 << 20);
                DuckDbWarehouse warehouse = DuckDbWarehouse.open(warehouseFile(), 256 << 20);
                WarehouseLoader loader = WarehouseLoader.start(log, warehouse)) {
            assertThat(loader.loadedOffset()).isEqualTo(offset);
            assertThat(loader.awaitLoaded(EVENTS, Duration.ofSeconds(60))).isTrue();
        }
        assertThat(assertExactlyTheLoadedPrefix()).isEqualTo(EVENTS);
    }

    @Test
    void shouldRefuseToOpenAWarehouseThatAnotherProcessHolds() throws Exception {
        Process child = startChild("hold", warehouseFile().toString());
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("HOLDING");

            assertThatThrownBy(() -> DuckDbWarehouse.open(warehouseFile(), 256 << 20))
                    .isInstanceOf(WarehouseLockedException.class)
                    .hasMessageContaining(warehouseFile().toString())
                    .hasMessageContaining("in use by another process");
        } finally {
            kill(child);
        }
    }
}
