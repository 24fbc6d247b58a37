package io.signalbox.engine.warehouse;

import static io.signalbox.engine.warehouse.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbWarehouseTest {
    @TempDir
    Path dir;

    private DuckDbWarehouse warehouse;

    /** Small slices, so that every read here crosses slice boundaries. */
    private static final int SLICE_ROWS = 7;

    @BeforeEach
    void open() {
        warehouse = DuckDbWarehouse.open(dir.resolve(DuckDbWarehouse.FILE_NAME), 256 << 20, SLICE_ROWS);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    private static List<EnrichedEvent> read(EventCursor cursor) {
        List<EnrichedEvent> all = new ArrayList<>();
        try (cursor) {
            for (List<EnrichedEvent> batch = cursor.nextBatch(); !batch.isEmpty(); batch = cursor.nextBatch()) {
                all.addAll(batch);
            }
        }
        return all;
    }

    private List<EnrichedEvent> read(EventQuery query) {
        return read(warehouse.events(query, 1000));
    }

    @Test
    void shouldCreateTheEventsTableWithTheAtomicColumnNamesInOrder() {
        List<String> columns = warehouse.query(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
                        + " ORDER BY ordinal_position",
                rows -> {
                    List<String> names = new ArrayList<>();
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                    return names;
                });

        assertThat(columns)
                .containsExactlyElementsOf(
                        AtomicField.ALL.stream().map(AtomicField::columnName).toList());
        assertThat(warehouse.count()).isZero();
        assertThat(warehouse.loadedOffset()).isZero();
    }

    @Test
    void shouldReturnEventsEqualToThoseAppendedWhenEveryFieldTypeIsSet() {
        List<EnrichedEvent> events = List.of(TestEvents.full(0), TestEvents.full(1), TestEvents.full(2));

        warehouse.append(events, 0, 3);

        assertThat(read(EventQuery.all())).containsExactlyElementsOf(events);
        assertThat(warehouse.loadedOffset()).isEqualTo(3);
    }

    @Test
    void shouldReturnEdgeValuesExactly() {
        EnrichedEvent edges = TestEvents.pageView(0, "u1")
                .set(AtomicField.DVCE_CREATED_TSTAMP, java.time.Instant.parse("0001-01-01T00:00:00.001Z"))
                .set(AtomicField.TRUE_TSTAMP, java.time.Instant.parse("9999-12-31T23:59:59.999Z"))
                .set(AtomicField.TXN_ID, Integer.MIN_VALUE)
                .set(AtomicField.DOC_WIDTH, Integer.MAX_VALUE)
                .set(AtomicField.GEO_LATITUDE, 51.50735)
                .set(AtomicField.GEO_LONGITUDE, 1.0 / 3)
                .set(AtomicField.SE_VALUE, new BigDecimal("-99999999999999999999999999999.999999999"))
                .set(AtomicField.TR_TOTAL, new BigDecimal("0.000000001"))
                .set(AtomicField.BR_COOKIES, false)
                .set(AtomicField.PAGE_TITLE, "emoji 😀, CJK 東京, RTL עברית, combining é, quote \" and comma ,");
        EnrichedEvent separator = TestEvents.pageView(1, "u1").set(AtomicField.PAGE_TITLE, "a\u0001b");
        warehouse.append(List.of(edges, separator), 0, 2);

        List<EnrichedEvent> read = read(EventQuery.all());

        assertThat(read.getFirst()).isEqualTo(edges);
        assertThat(read.get(1).get(AtomicField.PAGE_TITLE)).isEqualTo("ab");
    }

    @Test
    void shouldStoreJsonColumnsThatDuckDbJsonFunctionsRead() {
        warehouse.append(List.of(TestEvents.full(0)), 0, 1);

        String persona = warehouse.query(
                "SELECT derived_contexts->'$.data[0].data'->>'name', json_extract_string(unstruct_event,"
                        + " '$.data.data.formId'), typeof(contexts) FROM events",
                rows -> {
                    rows.next();
                    return rows.getString(1) + " | " + rows.getString(2) + " | " + rows.getString(3);
                });

        assertThat(persona).isEqualTo("Zoë 東京 ✓ 😀 | demo-request | JSON");
    }

    @Test
    void shouldKeepNeitherRowsNorOffsetWhenTheLoadFailsAfterTheRowsAreWritten() {
        List<EnrichedEvent> events = List.of(TestEvents.pageView(1, "u1"), TestEvents.pageView(2, "u1"));

        assertThatThrownBy(() -> warehouse.append(events, 0, 2, () -> {
                    throw new IllegalStateException("crash before commit");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(warehouse.count()).isZero();
        assertThat(warehouse.loadedOffset()).isZero();
        warehouse.append(events, 0, 2);
        assertThat(warehouse.count()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnAppendThatDoesNotStartAtTheLoadedOffset() {
        warehouse.append(List.of(TestEvents.pageView(1, "u1")), 0, 1);

        assertThatThrownBy(() -> warehouse.append(List.of(TestEvents.pageView(2, "u1")), 0, 1))
                .isInstanceOf(OffsetMismatchException.class)
                .hasMessageContaining("loaded offset is 1, not 0")
                .extracting(e -> ((OffsetMismatchException) e).loadedOffset())
                .isEqualTo(1L);
        assertThat(warehouse.count()).isEqualTo(1);
    }

    @Test
    void shouldKeepLoadedRowsAndOffsetAcrossReopen() {
        warehouse.append(List.of(TestEvents.full(4)), 0, 5);
        warehouse.close();

        warehouse = DuckDbWarehouse.openInDataDir(dir);

        assertThat(warehouse.loadedOffset()).isEqualTo(5);
        assertThat(read(EventQuery.all())).containsExactly(TestEvents.full(4));
    }

    @Test
    void shouldOrderByDerivedTstampThenCollectorTstampThenEventId() {
        EnrichedEvent late = TestEvents.pageView(30, "u1");
        EnrichedEvent early = TestEvents.pageView(10, "u2");
        EnrichedEvent tieLaterCollector = TestEvents.pageView(20, "u3")
                .set(AtomicField.COLLECTOR_TSTAMP, T0.plusSeconds(25))
                .set(AtomicField.EVENT_ID, "00000000-0000-0000-0000-000000000001");
        EnrichedEvent tieB = TestEvents.pageView(20, "u4")
                .set(AtomicField.COLLECTOR_TSTAMP, T0.plusSeconds(21))
                .set(AtomicField.EVENT_ID, "bbbbbbbb-0000-0000-0000-000000000000");
        EnrichedEvent tieA = TestEvents.pageView(20, "u5")
                .set(AtomicField.COLLECTOR_TSTAMP, T0.plusSeconds(21))
                .set(AtomicField.EVENT_ID, "aaaaaaaa-0000-0000-0000-000000000000");
        warehouse.append(List.of(late, tieLaterCollector, tieB, early, tieA), 0, 5);

        assertThat(read(EventQuery.all())).containsExactly(early, tieA, tieB, tieLaterCollector, late);
    }

    @Test
    void shouldFilterByTimeRangeAppEventNameKeysAndLimit() {
        List<EnrichedEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(TestEvents.minimal(T0.plusSeconds(i), "u" + (i % 4), i % 5 == 0 ? "submit_form" : "page_view")
                    .set(AtomicField.APP_ID, i % 2 == 0 ? "site" : "shop"));
        }
        warehouse.append(events, 0, events.size());

        EventQuery window = EventQuery.between(T0.plusSeconds(10), T0.plusSeconds(30));
        assertThat(read(window)).containsExactlyElementsOf(events.subList(10, 30));
        assertThat(read(window.withAppIds(List.of("shop"))))
                .extracting(EnrichedEvent::derivedTstamp)
                .containsExactly(odd(10, 30).stream().map(T0::plusSeconds).toArray(java.time.Instant[]::new));
        assertThat(read(window.withEventNames(List.of("submit_form"))))
                .extracting(EnrichedEvent::domainUserid, EnrichedEvent::eventName)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("u2", "submit_form"),
                        org.assertj.core.groups.Tuple.tuple("u3", "submit_form"),
                        org.assertj.core.groups.Tuple.tuple("u0", "submit_form"),
                        org.assertj.core.groups.Tuple.tuple("u1", "submit_form"));
        assertThat(read(window.withKeys(AtomicField.DOMAIN_USERID, Set.of("u1", "u3", "nobody"))))
                .extracting(EnrichedEvent::domainUserid)
                .hasSize(10)
                .containsOnly("u1", "u3");
        assertThat(read(window.withKeys(AtomicField.DOMAIN_USERID, Set.of()))).isEmpty();
        assertThat(read(window.withAppIds(List.of("site")).withLimit(3)))
                .containsExactly(events.get(10), events.get(12), events.get(14));
    }

    private static List<Integer> odd(int from, int to) {
        List<Integer> odd = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (i % 2 == 1) {
                odd.add(i);
            }
        }
        return odd;
    }

    @Test
    void shouldReadTheSameEventsWhateverTheSliceSize() {
        List<EnrichedEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // runs of up to five events share a derived_tstamp, so ties straddle slice boundaries
            events.add(TestEvents.minimal(T0.plusSeconds(i / 5 * 5), "u" + (i % 3), i % 4 == 0 ? "submit_form" : "x")
                    .set(AtomicField.EVENT_ID, new java.util.UUID(i % 7, i).toString()));
        }
        warehouse.append(events, 0, events.size());
        List<EventQuery> queries = List.of(
                EventQuery.all(),
                EventQuery.between(T0.plusSeconds(12), T0.plusSeconds(47)),
                EventQuery.all()
                        .withKeys(AtomicField.DOMAIN_USERID, Set.of("u1"))
                        .withLimit(9),
                EventQuery.all().withEventNames(Set.of("x")).withLimit(23));

        warehouse.close();
        for (int sliceRows : new int[] {1, 3, 5, 6, 1000}) {
            warehouse = DuckDbWarehouse.open(dir.resolve(DuckDbWarehouse.FILE_NAME), 256 << 20, sliceRows);
            for (EventQuery query : queries) {
                List<EnrichedEvent> expected = events.stream()
                        .filter(e -> !e.derivedTstamp().isBefore(query.since())
                                && e.derivedTstamp().isBefore(query.until()))
                        .filter(e ->
                                query.keyValues() == null || query.keyValues().contains(e.domainUserid()))
                        .filter(e ->
                                query.eventNames() == null || query.eventNames().contains(e.eventName()))
                        .sorted(java.util.Comparator.comparing(EnrichedEvent::derivedTstamp)
                                .thenComparing(EnrichedEvent::collectorTstamp)
                                .thenComparing(EnrichedEvent::eventId))
                        .limit(query.limit())
                        .toList();
                assertThat(read(warehouse.events(query, 4)))
                        .as("slice rows %d, query %s", sliceRows, query)
                        .containsExactlyElementsOf(expected);
            }
            warehouse.close();
        }
        warehouse = DuckDbWarehouse.openInDataDir(dir);
    }

    @Test
    void shouldStreamResultsInBatchesOfTheRequestedSize() {
        List<EnrichedEvent> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(TestEvents.pageView(i, "u" + i));
        }
        warehouse.append(events, 0, 25);

        List<Integer> sizes = new ArrayList<>();
        long total = warehouse.forEachBatch(EventQuery.all(), 10, batch -> sizes.add(batch.size()));

        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(total).isEqualTo(25);
    }

    @Test
    void shouldRejectAKeyColumnThatIsNotAString() {
        assertThatThrownBy(() -> EventQuery.all().withKeys(AtomicField.DOMAIN_SESSIONIDX, Set.of("1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key column must be a string column, was domain_sessionidx of type INTEGER");
        assertThatThrownBy(() -> warehouse.sampleKeys(AtomicField.DERIVED_TSTAMP, T0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("derived_tstamp");
    }

    @Test
    void shouldSampleDistinctNonNullKeysSeenSinceTheGivenTime() {
        List<EnrichedEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(TestEvents.pageView(i, i < 100 ? "old" + i : "new" + (i % 50)));
        }
        events.add(TestEvents.pageView(150, null));
        warehouse.append(events, 0, events.size());

        List<String> all = warehouse.sampleKeys(AtomicField.DOMAIN_USERID, T0.plusSeconds(100), 1000);
        List<String> some = warehouse.sampleKeys(AtomicField.DOMAIN_USERID, T0.plusSeconds(100), 7);

        assertThat(all).hasSize(50).doesNotHaveDuplicates().allMatch(key -> key.startsWith("new"));
        assertThat(some).hasSize(7).doesNotHaveDuplicates().isSubsetOf(all);
    }

    @Test
    void shouldStoreDecimalsExactlyAndReturnTheirShortestScale() {
        EnrichedEvent event = TestEvents.pageView(1, "u1")
                .set(AtomicField.TR_TOTAL, new BigDecimal("10.0"))
                .set(AtomicField.TR_TAX, new BigDecimal("0.1"))
                .set(AtomicField.TR_SHIPPING, new BigDecimal("0.2"))
                .set(AtomicField.SE_VALUE, new BigDecimal("12345678901234567890.123456789"));
        warehouse.append(List.of(event), 0, 1);

        EnrichedEvent read = read(EventQuery.all()).getFirst();
        String sum = warehouse.query("SELECT (tr_tax + tr_shipping)::VARCHAR FROM events", rows -> {
            rows.next();
            return rows.getString(1);
        });

        assertThat(read.get(AtomicField.TR_TOTAL)).isEqualTo(new BigDecimal("10"));
        assertThat(read.get(AtomicField.SE_VALUE)).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
        assertThat(sum).isEqualTo("0.300000000");
    }

    @Test
    void shouldStoreNullAndCountWhenAValueDoesNotFitItsColumn() {
        EnrichedEvent event = TestEvents.pageView(1, "u1")
                .set(AtomicField.TR_TOTAL, new BigDecimal("1E+40"))
                .set(AtomicField.CONTEXTS, "{\"schema\":")
                .set(AtomicField.TRUE_TSTAMP, java.time.Instant.parse("+12024-01-01T00:00:00Z"));
        warehouse.append(List.of(event), 0, 1);

        EnrichedEvent read = read(EventQuery.all()).getFirst();

        assertThat(read.get(AtomicField.TR_TOTAL)).isNull();
        assertThat(read.get(AtomicField.CONTEXTS)).isNull();
        assertThat(read.get(AtomicField.TRUE_TSTAMP)).isNull();
        assertThat(read.eventId()).isEqualTo(event.eventId());
        assertThat(warehouse.droppedValues()).isEqualTo(3);
    }

    @Test
    void shouldRefuseAFileWhoseEventsTableHasOtherColumns() throws Exception {
        warehouse.query("SELECT 1", rows -> null);
        warehouse.close();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("other.duckdb"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE events (app_id VARCHAR, platform INTEGER)");
        }

        assertThatThrownBy(() -> DuckDbWarehouse.open(dir.resolve("other.duckdb"), 256 << 20))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("column 2 is 'platform INTEGER', expected 'platform VARCHAR'");
        warehouse = DuckDbWarehouse.openInDataDir(dir);
    }

    @Test
    void shouldFailClearlyOnceClosed() {
        EventCursor cursor = warehouse.events(EventQuery.all(), 10);
        warehouse.close();

        assertThat(cursor.nextBatch()).isEmpty();
        assertThatThrownBy(warehouse::count)
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("is closed");
        warehouse = DuckDbWarehouse.openInDataDir(dir);
    }
}
