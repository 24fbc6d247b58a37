package io.signalbox.attributes;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class DefinitionWriterTest {

    @Test
    void shouldWriteWhatItReadsBackToEqualRecords() {
        AttributeGroupDefinition group =
                DefinitionParser.parseAttributeGroup(Json.parse(DefinitionParserTest.WEB_USER));

        ObjectNode written = DefinitionWriter.attributeGroup(group);

        assertThat(DefinitionParser.parseAttributeGroup(written)).isEqualTo(group);
        assertThat(written.get("ttl").stringValue()).isEqualTo("P1Y");
        assertThat(written.get("attributes").get(0).get("period").stringValue()).isEqualTo("PT10M");
        assertThat(written.get("backfill_since_tstamp").stringValue()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(written.get("attributes").get(1).has("period")).isFalse();
    }

    @Test
    void shouldWriteTheReferenceShapes() {
        AttributeGroupDefinition group =
                DefinitionParser.parseAttributeGroup(Json.parse(DefinitionParserTest.WEB_USER));

        assertThat(Json.write(DefinitionWriter.attribute(group.attribute("page_views_10m"))))
                .isEqualTo("{\"name\":\"page_views_10m\",\"description\":\"views\",\"type\":\"int32\","
                        + "\"aggregation\":\"counter\",\"events\":[{\"vendor\":\"com.snowplowanalytics.snowplow\","
                        + "\"name\":\"page_view\",\"version\":\"1-0-0\"}],\"period\":\"PT10M\",\"default_value\":0}");
        assertThat(Json.write(
                        DefinitionWriter.property(group.attribute("faq_tiers").property())))
                .isEqualTo("{\"type\":\"entity\",\"vendor\":\"com.acme\",\"name\":\"user\",\"major_version\":1,"
                        + "\"path\":\"tier\",\"index\":0}");
        assertThat(Json.write(DefinitionWriter.attributeKey(group.attributeKey())))
                .isEqualTo("{\"name\":\"domain_userid\",\"key\":\"domain_userid\",\"is_published\":false}");
    }

    @Test
    void shouldRoundTripInterventionsServicesAndDocuments() {
        InterventionDefinition intervention = DefinitionParser.parseIntervention(Json.parse("""
                {"name":"cart_nudge","version":3,"owner":"ana@acme.io","is_published":true,
                 "criteria":{"all":[{"attribute":"web_user:page_views_10m","operator":">=","value":3},
                                    {"none":[{"attribute":"web_user:last_referrer","operator":"not in",
                                              "value":["a","b"]}]},
                                    {"any":[{"attribute":"shop:cart_value","operator":">","value":50.5},
                                            {"attribute":"shop:vip","operator":"is not null"}]},
                                    {"attribute":"shop:cart_value","operator":"changed"}]},
                 "target_attribute_keys":[{"name":"domain_userid"}],
                 "payload_attribute_groups":[{"name":"shop","version":1}]}"""));
        Definitions definitions = new Definitions(
                java.util.List.of(AttributeKeyDefinition.builtIn("user_id")),
                java.util.List.of(DefinitionParser.parseAttributeGroup(Json.parse(DefinitionParserTest.WEB_USER))),
                java.util.List.of(new ServiceDefinition(
                        "web", java.util.List.of(new GroupRef("web_user", 2)), null, "ana@acme.io", true)),
                java.util.List.of(intervention));

        assertThat(DefinitionParser.parseIntervention(DefinitionWriter.intervention(intervention)))
                .isEqualTo(intervention);
        assertThat(DefinitionParser.parseDocument(Json.write(DefinitionWriter.document(definitions))))
                .isEqualTo(definitions);
    }

    @Test
    void shouldReadTheDefinitionFilesAtTheRepositoryRoot() throws Exception {
        Path root = Path.of(System.getProperty("signalbox.root", "..")).resolve("definitions");
        try (var files = Files.list(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Definitions definitions = DefinitionParser.parseDocument(Files.readString(file));

                assertThat(definitions.attributeGroups().size()
                                + definitions.services().size()
                                + definitions.interventions().size())
                        .as("definitions in %s", file)
                        .isPositive();
                assertThat(DefinitionParser.parseDocument(Json.write(DefinitionWriter.document(definitions))))
                        .isEqualTo(definitions);
            }
        }
    }
}
