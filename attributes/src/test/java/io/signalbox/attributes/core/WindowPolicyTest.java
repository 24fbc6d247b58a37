package io.signalbox.attributes.core;

import static io.signalbox.attributes.core.AggregationTest.atomic;
import static io.signalbox.attributes.core.AggregationTest.attribute;
import static io.signalbox.attributes.core.TestEvents.T0;
import static io.signalbox.attributes.core.TestEvents.compile;
import static io.signalbox.attributes.core.TestEvents.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.AtomicField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the window memory policy of {@link WindowSlot}: bounded memory and the documented error bound. */
class WindowPolicyTest {
    static final long PERIOD = 3_600_000L;
    static final int LIMIT = 64;
    static final int TILES = 16;
    static final long TILE = PERIOD / TILES;

    record Seen(long ts, int number, String page) {}

    @Test
    void shouldStayWithinTheErrorBoundAndTheMemoryBoundPastTheEntryLimit() {
        String window = ",\"period\":\"PT1H\"";
        String number = atomic("br_viewwidth");
        CompiledGroup group = compile(
                attribute("count", "int64", "counter", AggregationTest.PV + window) + ","
                        + attribute("sum", "double", "sum", AggregationTest.PV + "," + number + window) + ","
                        + attribute("min", "int64", "min", AggregationTest.PV + "," + number + window) + ","
                        + attribute("max", "int64", "max", AggregationTest.PV + "," + number + window) + ","
                        + attribute(
                                "distinct",
                                "int64",
                                "approx_count_distinct",
                                AggregationTest.PV + "," + atomic("page_url") + window),
                new CoreLimits(LIMIT, TILES, 1000));
        ProfileState state = group.newState();
        Random random = new Random(11);
        List<Seen> seen = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        int checks = 0;
        for (int i = 0; i < 6_000; i++) {
            long ts = T0.toEpochMilli() + i * 4_000L - random.nextInt(600_000);
            Seen event = new Seen(ts, 1 + random.nextInt(1000), "/p" + random.nextInt(400));
            boolean applied = group.apply(
                    state,
                    pageView(Instant.ofEpochMilli(ts))
                            .set(AtomicField.BR_VIEWWIDTH, event.number())
                            .url(event.page())
                            .build());
            assertThat(applied).isEqualTo(newest == Long.MIN_VALUE || ts > newest - PERIOD);
            if (applied) {
                seen.add(event);
                newest = Math.max(newest, ts);
            }
            if (i % 50 == 0) {
                for (long later : new long[] {0, 1, TILE / 2, TILE * 3 + 7, PERIOD / 2, PERIOD - 1}) {
                    checkBounds(group, state, seen, newest + later);
                    checks++;
                }
                for (ProfileState decoded : List.of(group.decode(group.encode(state)))) {
                    assertThat(group.values(decoded, Instant.ofEpochMilli(newest)))
                            .isEqualTo(group.values(state, Instant.ofEpochMilli(newest)));
                }
            }
            for (Slot slot : state.slots) {
                WindowSlot windowSlot = (WindowSlot) slot;
                assertThat(windowSlot.rawEntries()).isLessThanOrEqualTo(LIMIT);
                assertThat(windowSlot.tileCount()).isLessThanOrEqualTo(TILES + 1);
            }
        }
        assertThat(checks).isGreaterThan(600);
        assertThat(((WindowSlot) state.slots[0]).tileCount()).isGreaterThan(0);
    }

    /** Every value lies between the aggregate of the shrunk window (t - P + w, t] and that of the full one. */
    private static void checkBounds(CompiledGroup group, ProfileState state, List<Seen> seen, long t) {
        List<Seen> full = new ArrayList<>();
        List<Seen> shrunk = new ArrayList<>();
        for (Seen event : seen) {
            if (event.ts() > t - PERIOD && event.ts() <= t) {
                full.add(event);
                if (event.ts() >= t - PERIOD + TILE) {
                    shrunk.add(event);
                }
            }
        }
        Instant asOf = Instant.ofEpochMilli(t);
        long count = (Long) group.value(state, "count", asOf);
        double sum = group.value(state, "sum", asOf) == null ? 0 : (Double) group.value(state, "sum", asOf);
        assertThat(count).isBetween((long) shrunk.size(), (long) full.size());
        assertThat(sum).isBetween(sumOf(shrunk) - 1e-6, sumOf(full) + 1e-6);
        if (!shrunk.isEmpty()) {
            assertThat((Long) group.value(state, "max", asOf)).isBetween(maxOf(shrunk), maxOf(full));
            assertThat((Long) group.value(state, "min", asOf)).isBetween(minOf(full), minOf(shrunk));
        }
        long distinct = (Long) group.value(state, "distinct", asOf);
        assertThat(distinct).isBetween(distinctOf(shrunk), distinctOf(full));
    }

    private static double sumOf(List<Seen> events) {
        return events.stream().mapToDouble(Seen::number).sum();
    }

    private static long maxOf(List<Seen> events) {
        return events.stream().mapToLong(Seen::number).max().orElseThrow();
    }

    private static long minOf(List<Seen> events) {
        return events.stream().mapToLong(Seen::number).min().orElseThrow();
    }

    private static long distinctOf(List<Seen> events) {
        return new HashSet<>(events.stream().map(Seen::page).toList()).size();
    }

    @Test
    void shouldBeExactWhileTheWindowHoldsFewerEntriesThanTheLimit() {
        CompiledGroup group = compile(
                attribute("count", "int64", "counter", AggregationTest.PV + ",\"period\":\"PT1H\""),
                new CoreLimits(LIMIT, TILES, 1000));
        ProfileState state = group.newState();
        Random random = new Random(5);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long ts = T0.toEpochMilli() + i * 90_000L - random.nextInt(1_200_000);
            if (group.apply(state, pageView(Instant.ofEpochMilli(ts)).build())) {
                times.add(ts);
            }
            long newest = times.stream().mapToLong(Long::longValue).max().orElseThrow();
            for (long later : new long[] {0, 1, 59_999, 60_000, 1_800_000}) {
                long t = newest + later;
                long exact = times.stream()
                        .filter(time -> time > t - PERIOD && time <= t)
                        .count();
                assertThat(group.value(state, "count", Instant.ofEpochMilli(t))).isEqualTo(exact);
            }
        }
        assertThat(((WindowSlot) state.slots[0]).tileCount()).isZero();
    }
}
