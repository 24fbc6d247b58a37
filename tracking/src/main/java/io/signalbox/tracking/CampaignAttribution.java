package io.signalbox.tracking;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets the {@code mkt_*} fields from the page URL's query string. For each field the first configured parameter
 * present in the query wins (configuration order, not query order); the first click-id parameter in the query sets
 * {@code mkt_clickid} and {@code mkt_network}.
 */
final class CampaignAttribution {
    private final EnricherConfig.Campaign config;

    CampaignAttribution(EnricherConfig.Campaign config) {
        this.config = config;
    }

    /** Applies the attribution to an event whose page URL has the given decoded query parameters. */
    void apply(List<QueryString.Pair> query, EnrichedEvent event) {
        if (!config.enabled() || query.isEmpty()) {
            return;
        }
        Map<String, String> firstValues = new HashMap<>();
        String clickId = null;
        String network = null;
        for (QueryString.Pair pair : query) {
            firstValues.putIfAbsent(pair.name(), pair.value());
            if (network == null && config.clickIds().containsKey(pair.name())) {
                clickId = pair.value();
                network = config.clickIds().get(pair.name());
            }
        }
        set(event, AtomicField.MKT_MEDIUM, config.mediumParameters(), firstValues);
        set(event, AtomicField.MKT_SOURCE, config.sourceParameters(), firstValues);
        set(event, AtomicField.MKT_TERM, config.termParameters(), firstValues);
        set(event, AtomicField.MKT_CONTENT, config.contentParameters(), firstValues);
        set(event, AtomicField.MKT_CAMPAIGN, config.campaignParameters(), firstValues);
        if (network != null) {
            event.set(AtomicField.MKT_CLICKID, EnrichedTsv.sanitise(clickId));
            event.set(AtomicField.MKT_NETWORK, EnrichedTsv.sanitise(network));
        }
    }

    private static void set(
            EnrichedEvent event, AtomicField field, List<String> parameters, Map<String, String> firstValues) {
        for (String parameter : parameters) {
            String value = firstValues.get(parameter);
            if (value != null) {
                event.set(field, EnrichedTsv.sanitise(value));
                return;
            }
        }
    }
}
