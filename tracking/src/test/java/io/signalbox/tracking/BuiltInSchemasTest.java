package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The built-in Iglu repository holds the reference's Iglu Central schemas byte for byte (so bad rows validated against
 * the shipped copies are validated against the reference schemas), and every shipped schema is valid JSON.
 */
class BuiltInSchemasTest {
    private static final Path REFERENCE = Path.of("/work/shared/reference/iglu-central/schemas");

    @Test
    void shouldShipTheReferenceSchemasByteForByte() throws IOException {
        assumeTrue(Files.isDirectory(REFERENCE), "the shared reference is not on this machine");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(REFERENCE)) {
            files = walk.filter(Files::isRegularFile).toList();
        }

        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String resource =
                    "/iglu/schemas/" + REFERENCE.relativize(file).toString().replace('\\', '/');
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                assertThat(in.readAllBytes()).as(resource).isEqualTo(Files.readAllBytes(file));
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
