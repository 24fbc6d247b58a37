package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built-in Iglu repository holds the reference's Iglu Central schemas byte for byte (so bad rows validated against
 * the shipped copies are validated against the reference schemas), and every shipped schema is valid JSON. The
 * reference's SHA-256 sums are recorded in {@code iglu-central-reference.sha256}, made from the reference folder with
 * {@code sha256sum}, so the check needs nothing outside the repository.
 */
class BuiltInSchemasTest {

    @Test
    void shouldShipTheReferenceSchemasByteForByte() throws Exception {
        List<String> sums;
        try (InputStream in = getClass().getResourceAsStream("/iglu-central-reference.sha256")) {
            assertThat(in).as("the recorded sums").isNotNull();
            sums = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }

        assertThat(sums).hasSizeGreaterThan(40);
        for (String line : sums) {
            String expected = line.substring(0, 64);
            String resource = "/iglu/schemas/" + line.substring(66);
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                byte[] digest =
                        java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
                assertThat(java.util.HexFormat.of().formatHex(digest))
                        .as(resource)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldResolveEveryBadRowSchema() {
        IgluResolver resolver = IgluResolver.create(EnricherConfig.Iglu.defaults(), Requests.CLOCK);

        for (BadRowType type : BadRowType.values()) {
            assertThat(resolver.rawSchema(type.schema())).as(type.schemaName()).isPresent();
        }
    }

    @Test
    void shouldShipSchemasWrittenForTheTrackersBuiltInEvents() {
        IgluResolver resolver = IgluResolver.create(EnricherConfig.Iglu.defaults(), Requests.CLOCK);

        for (String name : List.of(
                "add_to_cart",
                "remove_from_cart",
                "social_interaction",
                "timing",
                "ad_impression",
                "ad_click",
                "ad_conversion",
                "consent_granted",
                "consent_withdrawn",
                "consent_document",
                "gdpr")) {
            SchemaKey key = SchemaKey.of("com.snowplowanalytics.snowplow", name, "1-0-0");
            String raw = resolver.rawSchema(key).orElseThrow();
            assertThat(Json.parse(raw).get("self").get("name").asString()).isEqualTo(name);
        }
        assertThat(resolver.validate(
                        SchemaKey.of("com.snowplowanalytics.snowplow", "add_to_cart", "1-0-0"),
                        Json.parse("{\"sku\":\"s-1\",\"quantity\":2,\"unitPrice\":9.5,\"currency\":\"EUR\"}")))
                .isEmpty();
    }
}
