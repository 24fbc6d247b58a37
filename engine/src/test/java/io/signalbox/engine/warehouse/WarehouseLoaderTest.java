package io.signalbox.engine.warehouse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.engine.log.RocksEventLog;
import io.signalbox.engine.log.SyncPolicy;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseLoaderTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private EmbeddedStore store;
    private RocksEventLog log;
    private DuckDbWarehouse warehouse;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir.resolve("store"), 8 << 20);
        log = new RocksEventLog(store, SyncPolicy.OS_BUFFERED, 256 << 20);
        warehouse = DuckDbWarehouse.openInDataDir(dir);
    }

    @AfterEach
    void close() {
        warehouse.close();
        log.close();
        store.close();
    }

    private static List<EnrichedEvent> pageViews(int from, int count) {
        List<EnrichedEvent> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            events.add(TestEvents.pageView(i, "u" + (i % 7)));
        }
        return events;
    }

    private long distinctEventIds() {
        return warehouse.query("SELECT count(DISTINCT event_id) FROM events", rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    @Test
    void shouldLoadEventsThatComeBackEqualWithEveryFieldType() throws Exception {
        List<EnrichedEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(TestEvents.full(i));
        }
        long end = TestEvents.append(log, events);

        try (WarehouseLoader loader = WarehouseLoader.start(log, warehouse)) {
            assertThat(loader.awaitLoaded(end, WAIT)).isTrue();
        }

        List<EnrichedEvent> read = new ArrayList<>();
        warehouse.forEachBatch(EventQuery.all(), 7, read::addAll);
        assertThat(read).containsExactlyElementsOf(events);
        assertThat(read.get(1).derivedContexts().getFirst().data().get("name").stringValue())
                .isEqualTo("Zoë 東京 ✓ 😀");
        assertThat(warehouse.loadedOffset()).isEqualTo(end);
    }

    @Test
    void shouldLoadEventsAppendedAfterItStarted() throws Exception {
        try (WarehouseLoader loader = WarehouseLoader.start(log, warehouse, 100, Duration.ofSeconds(1))) {
            assertThat(loader.awaitLoaded(1, Duration.ofMillis(300))).isFalse();

            long end = TestEvents.append(log, pageViews(0, 250));
            assertThat(loader.awaitLoaded(end, WAIT)).isTrue();
            end = TestEvents.append(log, pageViews(250, 3));

            assertThat(loader.awaitLoaded(end, WAIT)).isTrue();
            assertThat(loader.loadedOffset()).isEqualTo(253);
        }
        assertThat(warehouse.count()).isEqualTo(253);
    }

    @Test
    void shouldLoadEachEntryExactlyOnceWhenClosedAndRestartedMidStream() throws Exception {
        long end = TestEvents.append(log, pageViews(0, 5000));

        WarehouseLoader first = WarehouseLoader.start(log, warehouse, 100, Duration.ofMinutes(1));
        assertThat(first.awaitLoaded(1000, WAIT)).isTrue();
        first.close();
        long stoppedAt = first.loadedOffset();
        assertThat(stoppedAt).isLessThan(5000);
        assertThat(warehouse.loadedOffset()).isEqualTo(stoppedAt);
        assertThat(warehouse.count()).isEqualTo(stoppedAt);
        end = TestEvents.append(log, pageViews(5000, 500));

        try (WarehouseLoader loader = WarehouseLoader.start(log, warehouse, 100, Duration.ofMinutes(1))) {
            assertThat(loader.loadedOffset()).isEqualTo(stoppedAt);
            assertThat(loader.awaitLoaded(end, WAIT)).isTrue();
        }

        assertThat(warehouse.count()).isEqualTo(5500);
        assertThat(distinctEventIds()).isEqualTo(5500);
    }

    @Test
    void shouldSkipAndCountLogEntriesThatAreNotEnrichedTsv() throws Exception {
        EnrichedEvent first = TestEvents.pageView(1, "u1");
        EnrichedEvent last = TestEvents.pageView(2, "u1");
        long end = log.append(
                        List.of(
                                TestEvents.tsv(first),
                                "not\tan\tenriched\tevent".getBytes(UTF_8),
                                EnrichedTsv.format(last).getBytes(UTF_8)),
                        List.of())
                .get();

        try (WarehouseLoader loader = WarehouseLoader.start(log, warehouse)) {
            assertThat(loader.awaitLoaded(end, WAIT)).isTrue();
            assertThat(loader.unparsableEntries()).isEqualTo(1);
        }

        List<EnrichedEvent> read = new ArrayList<>();
        warehouse.forEachBatch(EventQuery.all(), 10, read::addAll);
        assertThat(read).containsExactly(first, last);
        assertThat(warehouse.loadedOffset()).isEqualTo(3);
    }

    @Test
    void shouldLoadABatchOfManyReadChunksInOneGoSkippingBadEntriesAtTheChunkEdges() throws Exception {
        int entries = 25_000;
        java.util.Set<Integer> bad = java.util.Set.of(0, 9_999, 10_000, 20_000, entries - 1);
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            lines.add(
                    bad.contains(i)
                            ? "not\tan\tenriched\tevent".getBytes(UTF_8)
                            : TestEvents.tsv(TestEvents.pageView(i, "u" + (i % 7))));
        }
        long end = log.append(lines, List.of()).get();

        try (WarehouseLoader loader = WarehouseLoader.start(log, warehouse)) {
            assertThat(loader.awaitLoaded(end, WAIT)).isTrue();
            assertThat(loader.unparsableEntries()).isEqualTo(bad.size());
        }

        assertThat(warehouse.loadedOffset()).isEqualTo(entries);
        assertThat(warehouse.count()).isEqualTo(entries - bad.size());
        assertThat(distinctEventIds()).isEqualTo(entries - bad.size());
    }

    @Test
    void shouldResynchroniseWhenAnotherWriterMovedTheOffset() throws Exception {
        long end = TestEvents.append(log, pageViews(0, 10));
        List<EnrichedEvent> firstFive = new ArrayList<>();
        for (var record : log.read(0, 5)) {
            firstFive.add(EnrichedTsv.parse(new String(record.payload(), UTF_8)));
        }

        try (WarehouseLoader loader = WarehouseLoader.start(log, warehouse, 5, Duration.ofMinutes(1))) {
            assertThat(loader.awaitLoaded(end, WAIT)).isTrue();
        }
        assertThat(warehouse.count()).isEqualTo(10);

        // a stale loader that still believes the offset is 0 cannot add the same entries again
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> warehouse.append(firstFive, 0, 5))
                .isInstanceOf(OffsetMismatchException.class);
        assertThat(warehouse.count()).isEqualTo(10);
    }
}
