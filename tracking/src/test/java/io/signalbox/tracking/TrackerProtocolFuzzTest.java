package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the tracker-protocol adapter: query strings (GET, the pixel, redirects) and POST bodies
 * in any shape. The adapter must never throw; it either splits the request into parameter maps or rejects it with a
 * bad row that validates against its schema.
 *
 * <p>Inputs are requests in the text form of {@link FuzzRequest}. In the normal test run this replays the regression
 * inputs under {@code src/test/resources/.../TrackerProtocolFuzzTestInputs}; with {@code JAZZER_FUZZ=1} it fuzzes
 * (see the README's section on fuzzing).
 */
class TrackerProtocolFuzzTest {
    private static final Enricher ENRICHER = Requests.enricher();
    private static final TrackerProtocolAdapter ADAPTER =
            new TrackerProtocolAdapter(ENRICHER.igluResolver(), ENRICHER.badRows());

    @FuzzTest(maxDuration = "10s")
    void adapterNeverThrowsAndRejectsWithValidBadRows(byte[] input) {
        CollectorPayload payload = FuzzRequest.decode(input);

        switch (ADAPTER.adapt(payload)) {
            case TrackerProtocolAdapter.Events events -> {
                for (Map<String, String> event : events.events()) {
                    assertThat(event).doesNotContainKey(null).doesNotContainValue(null);
                }
            }
            case TrackerProtocolAdapter.Rejected rejected -> BadRowSchemas.assertValid(rejected.row());
        }
    }
}
