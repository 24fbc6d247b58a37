package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignAttributionTest {

    private static EnrichedEvent attribute(EnricherConfig.Campaign config, String query) {
        EnrichedEvent event = new EnrichedEvent();
        new CampaignAttribution(config).apply(QueryString.pairs(query), event);
        return event;
    }

    @Test
    void shouldReadTheUtmParametersDecoded() {
        EnrichedEvent event = attribute(
                EnricherConfig.Campaign.defaults(),
                "utm_source=news&utm_medium=email&utm_term=blue+shoes&utm_content=top%20banner&utm_campaign=spring");

        assertThat(event.getString(AtomicField.MKT_SOURCE)).isEqualTo("news");
        assertThat(event.getString(AtomicField.MKT_MEDIUM)).isEqualTo("email");
        assertThat(event.getString(AtomicField.MKT_TERM)).isEqualTo("blue shoes");
        assertThat(event.getString(AtomicField.MKT_CONTENT)).isEqualTo("top banner");
        assertThat(event.getString(AtomicField.MKT_CAMPAIGN)).isEqualTo("spring");
    }

    @Test
    void shouldPreferTheFirstConfiguredParameterWhateverTheQueryOrder() {
        EnricherConfig.Campaign config = new EnricherConfig.Campaign(
                true, List.of("utm_medium", "medium"), List.of(), List.of(), List.of(), List.of(), Map.of());

        EnrichedEvent event = attribute(config, "medium=fallback&utm_medium=preferred");

        assertThat(event.getString(AtomicField.MKT_MEDIUM)).isEqualTo("preferred");
    }

    @Test
    void shouldSetTheClickIdAndItsNetwork() {
        EnrichedEvent event = attribute(EnricherConfig.Campaign.defaults(), "msclkid=m-1");

        assertThat(event.getString(AtomicField.MKT_CLICKID)).isEqualTo("m-1");
        assertThat(event.getString(AtomicField.MKT_NETWORK)).isEqualTo("Microsoft");
    }

    @Test
    void shouldUseExtraClickIdsWhenConfigured() {
        EnricherConfig.Campaign config = EnricherConfig.Campaign.defaults().withClickIds(Map.of("gbraid", "Google"));

        EnrichedEvent event = attribute(config, "gbraid=g-1");

        assertThat(event.getString(AtomicField.MKT_CLICKID)).isEqualTo("g-1");
        assertThat(event.getString(AtomicField.MKT_NETWORK)).isEqualTo("Google");
        assertThat(config.clickIds()).containsKeys("gclid", "msclkid", "dclid", "gbraid");
    }

    @Test
    void shouldLeaveEveryFieldEmptyWhenDisabled() {
        EnrichedEvent event = attribute(EnricherConfig.Campaign.off(), "utm_source=news&gclid=abc");

        assertThat(event.getString(AtomicField.MKT_SOURCE)).isNull();
        assertThat(event.getString(AtomicField.MKT_CLICKID)).isNull();
    }

    @Test
    void shouldRemoveControlCharactersFromValues() {
        EnrichedEvent event = attribute(EnricherConfig.Campaign.defaults(), "utm_source=a%09b%0Ac");

        assertThat(event.getString(AtomicField.MKT_SOURCE)).isEqualTo("a    bc");
    }
}
