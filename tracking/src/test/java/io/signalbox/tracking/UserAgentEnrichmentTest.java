package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.SelfDescribingData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Builds the shared YAUAA analyzer once for the whole JVM (a few seconds). */
class UserAgentEnrichmentTest {
    private static final String CHROME_DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

    private static UserAgentEnrichment enrichment;

    @BeforeAll
    static void buildAnalyzer() {
        enrichment = new UserAgentEnrichment(100, IgluResolver.create(EnricherConfig.Iglu.defaults(), Requests.CLOCK));
    }

    @Test
    void shouldDescribeAChromeDesktopBrowser() {
        DerivedEntity derived = enrichment.entityFor(CHROME_DESKTOP).orElseThrow();

        JsonNode data = derived.entity().data();
        assertThat(derived.entity().schema().toUri()).isEqualTo("iglu:nl.basjes/yauaa_context/jsonschema/1-0-5");
        assertThat(data.get("deviceClass").asString()).isEqualTo("Desktop");
        assertThat(data.get("operatingSystemClass").asString()).isEqualTo("Desktop");
        assertThat(data.get("operatingSystemName").asString()).isEqualTo("Windows NT");
        assertThat(data.get("layoutEngineName").asString()).isEqualTo("Blink");
        assertThat(data.get("agentClass").asString()).isEqualTo("Browser");
        assertThat(data.get("agentName").asString()).isEqualTo("Chrome");
        assertThat(data.get("agentVersionMajor").asString()).isEqualTo("120");
        assertThat(derived.validationError()).isNull();
    }

    @Test
    void shouldDescribeAnIphone() {
        JsonNode data = enrichment.entityFor(IPHONE).orElseThrow().entity().data();

        assertThat(data.get("deviceClass").asString()).isEqualTo("Phone");
        assertThat(data.get("deviceName").asString()).isEqualTo("Apple iPhone");
        assertThat(data.get("deviceBrand").asString()).isEqualTo("Apple");
        assertThat(data.get("operatingSystemName").asString()).isEqualTo("iOS");
        assertThat(data.get("operatingSystemVersion").asString()).isEqualTo("17.1");
        assertThat(data.get("agentName").asString()).isEqualTo("Safari");
        assertThat(data.get("agentVersion").asString()).isEqualTo("17.1");
    }

    @Test
    void shouldReturnTheCachedEntityWhenTheUserAgentRepeats() {
        assertThat(enrichment.entityFor(IPHONE).orElseThrow())
                .isSameAs(enrichment.entityFor(IPHONE).orElseThrow());
    }

    @Test
    void shouldDeriveNothingWithoutAUserAgent() {
        assertThat(enrichment.entityFor(null)).isEmpty();
        assertThat(enrichment.entityFor("")).isEmpty();
    }

    @Test
    void shouldAddTheEntityToDerivedContextsOfAnEnrichedEvent() {
        Enricher enricher = new Enricher(EnricherConfig.defaults(), Requests.CLOCK);

        EnrichmentResult result =
                enricher.enrich(Requests.get("/i", "e=pv&p=web&tv=js&ua=" + QueryStringTestSupport.encode(IPHONE)));

        assertThat(result.bad()).isEmpty();
        assertThat(result.good().get(0).event().derivedContexts())
                .extracting(SelfDescribingData::schema)
                .containsExactly(UserAgentEnrichment.SCHEMA);
        assertThat(result.good().get(0).event().getString(io.signalbox.events.AtomicField.DERIVED_CONTEXTS))
                .startsWith("{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1\",\"data\":[");
    }
}
