package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random mutations of valid requests never make the enricher throw, and every bad row stays schema-valid. */
class EnricherFuzzTest {
    private static final int ROUNDS = 1500;
    private static final String NOISE = "{}[]\":,\\/%+&=?#. \t\n\u0000\u007f\u00e9\u2713\ud83d\ude00aZ09-_xe";
    private static final List<String> CONTENT_TYPES =
            List.of("application/json", "application/json; charset=UTF-8", "text/plain", "", "application/json;;");
    private static final List<String> PATHS =
            List.of(Requests.POST_PATH, "/i", "/r/tp2", "/com.acme/v1", "/com.snowplowanalytics.snowplow/tp1");

    private final Enricher enricher = Requests.enricher();
    private final Random random = new Random(20240301L);

    @Test
    void shouldNeverThrowWhenPostBodiesAreMutated() {
        String body = EnricherTest.workedExampleBody();
        for (int round = 0; round < ROUNDS; round++) {
            String mutated = mutate(body, 1 + random.nextInt(4));
            CollectorPayload payload = Requests.request(
                    "POST",
                    pick(PATHS),
                    random.nextInt(5) == 0 ? mutate("aid=x&e=pv", 1) : null,
                    pick(CONTENT_TYPES),
                    mutated,
                    List.of());
            check(payload);
        }
    }

    @Test
    void shouldNeverThrowWhenQueryStringsAreMutated() {
        String query =
                "stm=1709284501500&e=pv&url=https%3A%2F%2Fwww.shop.example%2F%3F_sp%3Dab.17&page=Home&tv=js-4.10.1"
                        + "&p=web&vp=1x2&vid=3&cx="
                        + Base64Lenient.encode("{\"schema\":\"iglu:com.snowplowanalytics.snowplow/"
                                + "contexts/jsonschema/1-0-0\",\"data\":[]}");
        for (int round = 0; round < ROUNDS; round++) {
            check(Requests.get(pick(PATHS), mutate(query, 1 + random.nextInt(4))));
        }
    }

    private void check(CollectorPayload payload) {
        EnrichmentResult result = enricher.enrich(payload);

        assertThat(result.good().size() + result.bad().size()).isPositive();
        for (BadEvent bad : result.bad()) {
            BadRowSchemas.assertValid(bad.row());
        }
    }

    private String mutate(String text, int times) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < times && !out.isEmpty(); i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(5)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 2 -> out.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 3 -> out.insert(at, out.substring(at, Math.min(out.length(), at + random.nextInt(40))));
                default -> out.setLength(at);
            }
        }
        return out.toString();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
