package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CrossDomainLinkerTest {

    @Test
    void shouldReadTheShortForm() throws Exception {
        CrossDomainLinker.Link link = CrossDomainLinker.parse("85094061-f702-4b62-a46d-20f7226b4741.1709284400000");

        assertThat(link.domainUserId()).isEqualTo("85094061-f702-4b62-a46d-20f7226b4741");
        assertThat(link.timestamp()).isEqualTo(Instant.ofEpochMilli(1709284400000L));
        assertThat(link.entity().data().get("session_id").isNull()).isTrue();
    }

    @Test
    void shouldReadTheExtendedFormIntoTheEntity() throws Exception {
        String value = "85094061-f702-4b62-a46d-20f7226b4741.1709284400000.be9520e7-16a5-4d4e-afa1-8e269f99a1cf."
                + Base64Lenient.encode("user-42") + "." + Base64Lenient.encode("shop") + ".web."
                + Base64Lenient.encode("Buy now");

        JsonNode data = CrossDomainLinker.parse(value).entity().data();

        assertThat(data.get("domain_user_id").asString()).isEqualTo("85094061-f702-4b62-a46d-20f7226b4741");
        assertThat(data.get("timestamp").asString()).isEqualTo("2024-03-01T09:13:20Z");
        assertThat(data.get("session_id").asString()).isEqualTo("be9520e7-16a5-4d4e-afa1-8e269f99a1cf");
        assertThat(data.get("user_id").asString()).isEqualTo("user-42");
        assertThat(data.get("source_id").asString()).isEqualTo("shop");
        assertThat(data.get("source_platform").asString()).isEqualTo("web");
        assertThat(data.get("reason").asString()).isEqualTo("Buy now");
    }

    @Test
    void shouldTreatEmptyExtendedPartsAsMissing() throws Exception {
        JsonNode data =
                CrossDomainLinker.parse("abc.1709284400000...c2hvcA").entity().data();

        assertThat(data.get("session_id").isNull()).isTrue();
        assertThat(data.get("user_id").isNull()).isTrue();
        assertThat(data.get("source_id").asString()).isEqualTo("shop");
    }

    @Test
    void shouldFailWhenTheTimestampIsNotANumber() {
        assertThatThrownBy(() -> CrossDomainLinker.parse("abc.notanumber"))
                .isInstanceOf(CrossDomainLinker.InvalidLinkException.class)
                .hasMessageContaining("notanumber");
    }

    @Test
    void shouldProduceAnEntityThatValidatesAgainstCrossNavigation() throws Exception {
        IgluResolver resolver = IgluResolver.create(EnricherConfig.Iglu.defaults(), Requests.CLOCK);
        CrossDomainLinker.Link link = CrossDomainLinker.parse(
                "85094061-f702-4b62-a46d-20f7226b4741.1709284400000.be9520e7-16a5-4d4e-afa1-8e269f99a1cf..c2hvcA.web");

        assertThat(resolver.validate(link.entity().schema(), link.entity().data()))
                .isEmpty();
    }

    @Test
    void shouldAddTheEntityWhenTheEnrichmentIsOn() {
        Enricher enricher = new Enricher(
                EnricherConfig.defaults().withYauaa(false).withCrossNavigationEntity(true), Requests.CLOCK);
        String query = "e=pv&p=web&tv=js&url="
                + QueryStringTestSupport.encode(
                        "https://www.shop.example/?_sp=85094061-f702-4b62-a46d-20f7226b4741.1709284400000");

        EnrichmentResult result = enricher.enrich(Requests.get("/i", query));

        assertThat(result.bad()).isEmpty();
        assertThat(result.good().get(0).event().derivedContexts())
                .extracting(entity -> entity.schema().name())
                .containsExactly("cross_navigation");
    }
}
