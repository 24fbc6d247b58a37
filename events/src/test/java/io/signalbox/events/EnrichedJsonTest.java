package io.signalbox.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EnrichedJsonTest {

    @Test
    void shouldNameFlattenedKeysAsTheAnalyticsSdksDo() {
        assertThat(EnrichedJson.flatKey(
                        "contexts_", SchemaKey.parse("iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0")))
                .isEqualTo("contexts_com_snowplowanalytics_snowplow_web_page_1");
        assertThat(EnrichedJson.flatKey("contexts_", SchemaKey.parse("iglu:org.w3/PerformanceTiming/jsonschema/1-0-0")))
                .isEqualTo("contexts_org_w3_performance_timing_1");
        assertThat(EnrichedJson.flatKey(
                        "unstruct_event_", SchemaKey.parse("iglu:com.acme-corp/ViewedProduct/jsonschema/2-1-0")))
                .isEqualTo("unstruct_event_com_acme_corp_viewed_product_2");
        assertThat(EnrichedJson.flatKey("unstruct_event_", SchemaKey.parse("iglu:com.acme/URLClick/jsonschema/1-0-0")))
                .isEqualTo("unstruct_event_com_acme_urlclick_1");
    }

    @Test
    void shouldWriteEveryFieldInTheNonLossyShape() {
        JsonNode json = EnrichedJson.toSdkJson(EnrichedTsvTest.sample());

        assertThat(json.size()).isEqualTo(131);
        assertThat(json.get("collector_tstamp").asString()).isEqualTo("2024-03-01T09:15:03Z");
        assertThat(json.get("derived_tstamp").asString()).isEqualTo("2024-03-01T09:15:01.500Z");
        assertThat(json.get("br_cookies").asBoolean()).isTrue();
        assertThat(json.get("true_tstamp").isNull()).isTrue();
        assertThat(json.get("derived_contexts").isObject()).isTrue();
        assertThat(json.get("derived_contexts").size()).isZero();
        assertThat(json.get("contexts").get("schema").asString())
                .isEqualTo("iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0");
        assertThat(json.get("unstruct_event").isNull()).isTrue();
    }

    @Test
    void shouldGroupEntitiesInTheFlatShape() {
        JsonNode json = EnrichedJson.toFlatJson(EnrichedTsvTest.sample());

        JsonNode group = json.get("contexts_com_snowplowanalytics_snowplow_web_page_1");
        assertThat(group.size()).isEqualTo(1);
        assertThat(group.get(0).get("_schema_version").asString()).isEqualTo("1-0-0");
        assertThat(group.get(0).get("id").asString()).isEqualTo("0edd614e-975d-4f3a-9cd9-af123ac35068");
        assertThat(json.has("contexts")).isFalse();
    }
}
