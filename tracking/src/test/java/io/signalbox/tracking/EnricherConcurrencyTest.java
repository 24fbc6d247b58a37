package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.EnrichedTsv;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many virtual threads enriching at once get exactly what one thread gets. */
class EnricherConcurrencyTest {

    private static List<CollectorPayload> payloads() {
        List<CollectorPayload> payloads = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String userAgent =
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
                            + (100 + i % 24) + ".0.0.0 Safari/537.36";
            String query = "e=pv&p=web&tv=js&eid=" + String.format("2ec13853-ef9e-414a-8976-%012d", i) + "&url="
                    + QueryStringTestSupport.encode("https://www.shop.example/p/" + i + "?utm_source=s" + i % 7)
                    + "&refr=" + QueryStringTestSupport.encode("https://www.bing.com/search?q=item+" + i)
                    + "&ua=" + QueryStringTestSupport.encode(userAgent);
            payloads.add(i % 10 == 0 ? Requests.get("/i", "e=pv&p=nope&tv=js") : Requests.get("/i", query));
        }
        return payloads;
    }

    private static List<String> outcomes(Enricher enricher, List<CollectorPayload> payloads) {
        List<String> outcomes = new ArrayList<>();
        for (CollectorPayload payload : payloads) {
            outcomes.add(describe(enricher.enrich(payload)));
        }
        return outcomes;
    }

    private static String describe(EnrichmentResult result) {
        if (!result.bad().isEmpty()) {
            return result.bad().get(0).row().type().schemaName();
        }
        return EnrichedTsv.format(result.good().get(0).event());
    }

    @Test
    void shouldProduceTheSameEventsWhenCalledFromManyThreads() throws Exception {
        List<CollectorPayload> payloads = payloads();
        List<String> expected = outcomes(new Enricher(EnricherConfig.defaults(), Requests.CLOCK), payloads);
        Enricher shared = new Enricher(EnricherConfig.defaults(), Requests.CLOCK);

        List<Future<String>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (CollectorPayload payload : payloads) {
                futures.add(executor.submit(() -> describe(shared.enrich(payload))));
            }
        }

        List<String> actual = new ArrayList<>();
        for (Future<String> future : futures) {
            actual.add(future.get());
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(expected).filteredOn(outcome -> outcome.contains("\t")).hasSize(108);
    }
}
