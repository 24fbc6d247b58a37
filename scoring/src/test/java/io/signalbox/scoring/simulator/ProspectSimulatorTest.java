package io.signalbox.scoring.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.engine.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProspectSimulatorTest {
    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void shouldGiveTheSameEventsForTheSameSeed() {
        SimulationSettings settings = SimulationSettings.defaults(END).withProspects(200);
        List<TrackerRequest> first = list(new ProspectSimulator(settings));
        List<TrackerRequest> second = list(new ProspectSimulator(settings));
        assertThat(second).isEqualTo(first);
        assertThat(list(new ProspectSimulator(settings.withSeed(7)))).isNotEqualTo(first);
    }

    @Test
    void shouldEmitEventsInTimeOrderAcrossProspects() {
        Instant previous = Instant.MIN;
        Set<Integer> prospects = new HashSet<>();
        for (TrackerRequest event :
                new ProspectSimulator(SimulationSettings.defaults(END).withProspects(300))) {
            assertThat(event.at()).isAfterOrEqualTo(previous);
            previous = event.at();
            prospects.add(event.prospect());
        }
        assertThat(prospects).hasSize(300);
    }

    @Test
    void shouldLetIntentDriveConversionWithNoise() {
        ProspectSimulator simulator =
                new ProspectSimulator(SimulationSettings.defaults(END).withProspects(3_000));
        Map<Integer, Boolean> converted = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (TrackerRequest event : simulator) {
            converted.merge(event.prospect(), event.eventName().equals("submit_form"), Boolean::logicalOr);
            names.merge(event.eventName(), 1, Integer::sum);
        }
        double convertedIntent = mean(simulator, converted, true);
        double otherIntent = mean(simulator, converted, false);
        long conversions = converted.values().stream().filter(c -> c).count();
        System.out.printf(
                "prospects=%d conversions=%d intent converted=%.3f others=%.3f events=%s%n",
                converted.size(), conversions, convertedIntent, otherIntent, names);
        assertThat(conversions).isBetween(90L, 600L);
        assertThat(convertedIntent).isGreaterThan(otherIntent + 0.15);
        assertThat(names.keySet())
                .contains(
                        "page_view",
                        "page_ping",
                        "focus_form",
                        "change_form",
                        "submit_form",
                        "play_event",
                        "percent_progress_event");
        assertThat(simulator.prospect(0).arrival()).isBetween(END.minus(Duration.ofDays(30)), END);
    }

    @Test
    void shouldEnrichEveryEventIntoTheWarehouse(@TempDir Path dir) {
        ProspectSimulator simulator =
                new ProspectSimulator(SimulationSettings.defaults(END).withProspects(150));
        long expected = list(simulator).size();
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.openInDataDir(dir)) {
            SimulatedHistory.Written written = SimulatedHistory.write(simulator, warehouse, count -> {});
            assertThat(written.events()).isEqualTo(expected);
            assertThat(written.inserted()).isEqualTo(expected);
            assertThat(warehouse.count()).isEqualTo(expected);
            Long devices = warehouse.query(
                    "SELECT count(DISTINCT regexp_extract(derived_contexts::VARCHAR, "
                            + "'\"deviceClass\":\"([A-Za-z]+)\"', 1)) FROM events",
                    rs -> rs.next() ? rs.getLong(1) : 0L);
            assertThat(devices).as("desktop, phone and tablet browsers").isGreaterThanOrEqualTo(3);
        }
    }

    private static double mean(ProspectSimulator simulator, Map<Integer, Boolean> converted, boolean which) {
        return converted.entrySet().stream()
                .filter(e -> e.getValue() == which)
                .mapToDouble(e -> simulator.prospect(e.getKey()).intent())
                .average()
                .orElse(0);
    }

    private static List<TrackerRequest> list(ProspectSimulator simulator) {
        List<TrackerRequest> events = new ArrayList<>();
        simulator.forEach(events::add);
        return events;
    }
}
