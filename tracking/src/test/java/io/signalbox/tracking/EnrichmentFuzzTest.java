package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.signalbox.events.EnrichedTsv;
import tools.jackson.databind.JsonNode;

/**
 * Coverage-guided fuzzing of the whole enrichment of a collector payload. {@link Enricher#enrich} turns any
 * unexpected exception into a bad row, so this checks what a user would call a crash: no bad row may come from that
 * catch-all, every bad row validates against its schema, and every good event survives the trip through the event
 * log's TSV unchanged.
 *
 * <p>Inputs are requests in the text form of {@link FuzzRequest}, replayed from {@code
 * src/test/resources/.../EnrichmentFuzzTestInputs} in the normal test run and fuzzed with {@code JAZZER_FUZZ=1}.
 */
class EnrichmentFuzzTest {
    private static final Enricher ENRICHER = Requests.enricher();

    @FuzzTest(maxDuration = "10s")
    void enrichmentKeepsEveryPayloadAsGoodEventsOrValidBadRows(byte[] input) {
        CollectorPayload payload = FuzzRequest.decode(input);

        EnrichmentResult result = ENRICHER.enrich(payload);

        assertThat(result.good().size() + result.bad().size()).isPositive();
        for (BadEvent bad : result.bad()) {
            assertThat(unexpectedError(bad.row()))
                    .as("a bad row from the enricher's catch-all: %s", bad.row().toJsonString())
                    .isFalse();
            BadRowSchemas.assertValid(bad.row());
        }
        for (GoodEvent good : result.good()) {
            String line = EnrichedTsv.format(good.event());
            assertThat(EnrichedTsv.format(EnrichedTsv.parse(line))).isEqualTo(line);
        }
    }

    /** Whether the failure holds an {@code error} written by one of the enricher's catch-alls. */
    private static boolean unexpectedError(BadRow row) {
        return hasUnexpectedError(row.json().path("data").path("failure"));
    }

    private static boolean hasUnexpectedError(JsonNode node) {
        if (node.isObject()) {
            JsonNode error = node.get("error");
            if (error != null && error.isString() && error.asString().startsWith("unexpected error: ")) {
                return true;
            }
        }
        for (JsonNode child : node) {
            if (hasUnexpectedError(child)) {
                return true;
            }
        }
        return false;
    }
}
