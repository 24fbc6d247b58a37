package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import io.signalbox.events.Json;
import io.signalbox.events.SelfDescribingData;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EnricherTest {
    private static final String WEB_PAGE_CONTEXTS =
            "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0\",\"data\":[{\"schema\":"
                    + "\"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0\",\"data\":{\"id\":"
                    + "\"0edd614e-975d-4f3a-9cd9-af123ac35068\"}}]}";

    private final Enricher enricher = Requests.enricher();

    static String workedExampleBody() {
        return "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":[{\"e\":\"pv\","
                + "\"url\":\"https://www.shop.example/products?id=7&utm_source=news&utm_medium=email&gclid=abc#top\","
                + "\"page\":\"Product 7\",\"refr\":\"https://www.google.co.uk/search?q=blue+widgets\","
                + "\"eid\":\"2ec13853-ef9e-414a-8976-e64a4693b134\",\"tv\":\"js-4.10.1\",\"tna\":\"sp1\",\"aid\":\"shop\","
                + "\"p\":\"web\",\"cookie\":\"1\",\"cs\":\"UTF-8\",\"lang\":\"en-GB\",\"res\":\"1920x1080\",\"cd\":\"24\","
                + "\"tz\":\"Europe/London\",\"dtm\":\"1709284500000\",\"stm\":\"1709284501500\",\"vp\":\"1200x800\","
                + "\"ds\":\"1185x4000\",\"vid\":\"3\",\"sid\":\"be9520e7-16a5-4d4e-afa1-8e269f99a1cf\","
                + "\"duid\":\"85094061-f702-4b62-a46d-20f7226b4741\",\"co\":"
                + Json.write(Json.NODES.stringNode(WEB_PAGE_CONTEXTS))
                + "}]}";
    }

    static CollectorPayload workedExample() {
        return Requests.request(
                "POST",
                Requests.POST_PATH,
                null,
                "application/json; charset=utf-8",
                workedExampleBody(),
                List.of(
                        "Origin: https://www.shop.example",
                        "Referer: https://www.shop.example/products?id=7",
                        "X-Forwarded-For: 203.0.113.9, 10.0.0.1",
                        "Cookie: sp=" + Requests.NETWORK_USER_ID));
    }

    @Test
    void shouldEnrichTheWorkedExampleFieldByField() {
        EnrichmentResult result = enricher.enrich(workedExample());

        assertThat(result.bad()).isEmpty();
        assertThat(result.good()).hasSize(1);
        EnrichedEvent event = result.good().get(0).event();
        assertThat(event.event()).isEqualTo("page_view");
        assertThat(event.eventId()).isEqualTo("2ec13853-ef9e-414a-8976-e64a4693b134");
        assertThat(event.appId()).isEqualTo("shop");
        assertThat(event.getString(AtomicField.PLATFORM)).isEqualTo("web");
        assertThat(event.getString(AtomicField.NAME_TRACKER)).isEqualTo("sp1");
        assertThat(event.getString(AtomicField.V_TRACKER)).isEqualTo("js-4.10.1");
        assertThat(tsv(event, AtomicField.COLLECTOR_TSTAMP)).isEqualTo("2024-03-01 09:15:03.000");
        assertThat(tsv(event, AtomicField.DVCE_CREATED_TSTAMP)).isEqualTo("2024-03-01 09:15:00.000");
        assertThat(tsv(event, AtomicField.DVCE_SENT_TSTAMP)).isEqualTo("2024-03-01 09:15:01.500");
        assertThat(tsv(event, AtomicField.DERIVED_TSTAMP)).isEqualTo("2024-03-01 09:15:01.500");
        assertThat(tsv(event, AtomicField.ETL_TSTAMP)).isEqualTo("2024-03-01 09:15:05.000");
        assertThat(event.getString(AtomicField.USER_IPADDRESS)).isEqualTo("203.0.113.9");
        assertThat(event.networkUserid()).isEqualTo(Requests.NETWORK_USER_ID);
        assertThat(event.domainUserid()).isEqualTo("85094061-f702-4b62-a46d-20f7226b4741");
        assertThat(event.domainSessionid()).isEqualTo("be9520e7-16a5-4d4e-afa1-8e269f99a1cf");
        assertThat(event.getInteger(AtomicField.DOMAIN_SESSIONIDX)).isEqualTo(3);
    }

    @Test
    void shouldDecomposeTheWorkedExampleUrlsAndAttributeTheCampaign() {
        EnrichedEvent event = enricher.enrich(workedExample()).good().get(0).event();

        assertThat(event.getString(AtomicField.PAGE_URLSCHEME)).isEqualTo("https");
        assertThat(event.getString(AtomicField.PAGE_URLHOST)).isEqualTo("www.shop.example");
        assertThat(event.getInteger(AtomicField.PAGE_URLPORT)).isEqualTo(443);
        assertThat(event.getString(AtomicField.PAGE_URLPATH)).isEqualTo("/products");
        assertThat(event.getString(AtomicField.PAGE_URLQUERY))
                .isEqualTo("id=7&utm_source=news&utm_medium=email&gclid=abc");
        assertThat(event.getString(AtomicField.PAGE_URLFRAGMENT)).isEqualTo("top");
        assertThat(event.getString(AtomicField.PAGE_TITLE)).isEqualTo("Product 7");
        assertThat(event.getString(AtomicField.REFR_URLHOST)).isEqualTo("www.google.co.uk");
        assertThat(event.getString(AtomicField.REFR_URLPATH)).isEqualTo("/search");
        assertThat(event.getString(AtomicField.REFR_URLQUERY)).isEqualTo("q=blue+widgets");
        assertThat(event.getString(AtomicField.REFR_MEDIUM)).isEqualTo("search");
        assertThat(event.getString(AtomicField.REFR_SOURCE)).isEqualTo("Google");
        assertThat(event.getString(AtomicField.REFR_TERM)).isEqualTo("blue widgets");
        assertThat(event.getString(AtomicField.MKT_SOURCE)).isEqualTo("news");
        assertThat(event.getString(AtomicField.MKT_MEDIUM)).isEqualTo("email");
        assertThat(event.getString(AtomicField.MKT_CLICKID)).isEqualTo("abc");
        assertThat(event.getString(AtomicField.MKT_NETWORK)).isEqualTo("Google");
    }

    @Test
    void shouldMapTheWorkedExampleDeviceFieldsContextsAndSchema() {
        EnrichedEvent event = enricher.enrich(workedExample()).good().get(0).event();

        assertThat(event.get(AtomicField.BR_COOKIES)).isEqualTo(Boolean.TRUE);
        assertThat(event.getString(AtomicField.BR_LANG)).isEqualTo("en-GB");
        assertThat(event.getString(AtomicField.BR_COLORDEPTH)).isEqualTo("24");
        assertThat(event.getString(AtomicField.OS_TIMEZONE)).isEqualTo("Europe/London");
        assertThat(event.getString(AtomicField.DOC_CHARSET)).isEqualTo("UTF-8");
        assertThat(event.getInteger(AtomicField.DVCE_SCREENWIDTH)).isEqualTo(1920);
        assertThat(event.getInteger(AtomicField.DVCE_SCREENHEIGHT)).isEqualTo(1080);
        assertThat(event.getInteger(AtomicField.BR_VIEWWIDTH)).isEqualTo(1200);
        assertThat(event.getInteger(AtomicField.BR_VIEWHEIGHT)).isEqualTo(800);
        assertThat(event.getInteger(AtomicField.DOC_WIDTH)).isEqualTo(1185);
        assertThat(event.getInteger(AtomicField.DOC_HEIGHT)).isEqualTo(4000);
        assertThat(event.getString(AtomicField.USERAGENT)).isEqualTo(Requests.USER_AGENT);
        assertThat(event.getString(AtomicField.CONTEXTS))
                .isEqualTo("{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1\",\"data\":"
                        + "[{\"schema\":\"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0\",\"data\":"
                        + "{\"id\":\"0edd614e-975d-4f3a-9cd9-af123ac35068\"}}]}");
        assertThat(event.eventVendor()).isEqualTo("com.snowplowanalytics.snowplow");
        assertThat(event.eventName()).isEqualTo("page_view");
        assertThat(event.getString(AtomicField.EVENT_FORMAT)).isEqualTo("jsonschema");
        assertThat(event.eventVersion()).isEqualTo("1-0-0");
        assertThat(event.getString(AtomicField.V_COLLECTOR)).isEqualTo(Requests.COLLECTOR);
        assertThat(event.getString(AtomicField.V_ETL)).isEqualTo("signalbox-0.1.0");
        assertThat(event.getString(AtomicField.EVENT_FINGERPRINT)).hasSize(32);
        assertThat(EnrichedTsv.format(event).split("\t", -1)).hasSize(131);
    }

    @Test
    void shouldAcceptANodeTrackerBatchWithBase64EntitiesAndEvent() {
        String cx = Base64Lenient.encode(WEB_PAGE_CONTEXTS);
        String uePx = Base64Lenient.encode(
                "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0\","
                        + "\"data\":{\"schema\":\"iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1\","
                        + "\"data\":{\"targetUrl\":\"https://example.com/b\"}}}");
        String body = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":["
                + "{\"e\":\"ue\",\"p\":\"srv\",\"tv\":\"node-4.10.1\",\"tna\":\"it\",\"aid\":\"backend\",\"uid\":\"user-42\","
                + "\"eid\":\"6E0D8E8B-4A57-4D4F-9AB0-4C1A58A0A1B2\",\"dtm\":\"1709284500000\",\"stm\":\"1709284500100\","
                + "\"ue_px\":\"" + uePx + "\",\"cx\":\"" + cx + "\"},"
                + "{\"e\":\"pv\",\"p\":\"srv\",\"tv\":\"node-4.10.1\",\"url\":\"https://example.com/a?utm_source=news\","
                + "\"page\":\"A\",\"stm\":\"1709284500100\"}]}";

        EnrichmentResult result = enricher.enrich(
                Requests.request("POST", Requests.POST_PATH, null, "application/json", body, List.of()));

        assertThat(result.bad()).isEmpty();
        assertThat(result.good()).hasSize(2);
        EnrichedEvent click = result.good().get(0).event();
        assertThat(click.event()).isEqualTo("unstruct");
        assertThat(click.eventId()).isEqualTo("6e0d8e8b-4a57-4d4f-9ab0-4c1a58a0a1b2");
        assertThat(click.eventName()).isEqualTo("link_click");
        assertThat(click.eventVersion()).isEqualTo("1-0-1");
        assertThat(click.unstructEvent().data().get("targetUrl").asString()).isEqualTo("https://example.com/b");
        assertThat(click.contexts()).extracting(SelfDescribingData::schema).hasSize(1);
        assertThat(click.userId()).isEqualTo("user-42");
        EnrichedEvent view = result.good().get(1).event();
        assertThat(view.getString(AtomicField.MKT_SOURCE)).isEqualTo("news");
        assertThat(view.eventId()).hasSize(36);
    }

    @Test
    void shouldAcceptABrowserPostWithPlainEntitiesAndQueryParametersThatWin() {
        String body = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":["
                + "{\"e\":\"se\",\"p\":\"web\",\"tv\":\"js-4.10.1\",\"aid\":\"from-body\",\"se_ca\":\"shop\","
                + "\"se_ac\":\"add\",\"se_va\":\"1E+3\",\"co\":" + Json.write(Json.NODES.stringNode(WEB_PAGE_CONTEXTS))
                + "}]}";

        EnrichmentResult result = enricher.enrich(Requests.request(
                "POST", Requests.POST_PATH, "aid=from-query", "application/json; charset=UTF-8", body, List.of()));

        assertThat(result.bad()).isEmpty();
        EnrichedEvent event = result.good().get(0).event();
        assertThat(event.appId()).isEqualTo("from-query");
        assertThat(event.event()).isEqualTo("struct");
        assertThat(event.eventVendor()).isEqualTo("com.google.analytics");
        assertThat(event.get(AtomicField.SE_VALUE)).isEqualTo(new BigDecimal("1000"));
        assertThat(event.getString(AtomicField.PAGE_URL)).isEqualTo("https://www.shop.example/products?id=7");
    }

    @Test
    void shouldAcceptAGetPixelWithBase64Entities() {
        String query = "stm=1709284501500&e=pv&url=https%3A%2F%2Fwww.shop.example%2F%3F_sp%3D85094061-f702-4b62-a46d"
                + "-20f7226b4741.1709284400000&page=Home+page&tv=js-4.10.1&p=web&cx="
                + Base64Lenient.encode(WEB_PAGE_CONTEXTS);

        EnrichmentResult result = enricher.enrich(Requests.get("/i", query));

        assertThat(result.bad()).isEmpty();
        EnrichedEvent event = result.good().get(0).event();
        assertThat(event.getString(AtomicField.PAGE_TITLE)).isEqualTo("Home page");
        assertThat(event.getString(AtomicField.PAGE_URLHOST)).isEqualTo("www.shop.example");
        assertThat(event.getString(AtomicField.REFR_DOMAIN_USERID)).isEqualTo("85094061-f702-4b62-a46d-20f7226b4741");
        assertThat(event.getInstant(AtomicField.REFR_DVCE_TSTAMP)).isEqualTo(Instant.ofEpochMilli(1709284400000L));
        assertThat(event.contexts()).hasSize(1);
        assertThat(event.getInstant(AtomicField.DERIVED_TSTAMP)).isEqualTo(Requests.RECEIVED);
    }

    @Test
    void shouldTurnARedirectIntoAUriRedirectEvent() {
        EnrichmentResult result =
                enricher.enrich(Requests.get("/r/tp2", "u=https%3A%2F%2Fexample.com%2Flanding&aid=ads"));

        assertThat(result.bad()).isEmpty();
        EnrichedEvent event = result.good().get(0).event();
        assertThat(event.eventName()).isEqualTo("uri_redirect");
        assertThat(event.getString(AtomicField.V_TRACKER)).isEqualTo("r-tp2");
        assertThat(event.getString(AtomicField.PLATFORM)).isEqualTo("web");
        JsonNode data = event.unstructEvent().data();
        assertThat(data.get("uri").asString()).isEqualTo("https://example.com/landing");
    }

    @Test
    void shouldAddAUriRedirectEntityWhenTheRedirectCarriesAnEvent() {
        EnrichmentResult result = enricher.enrich(Requests.get(
                "/r/tp2",
                "u=https%3A%2F%2Fexample.com%2F&e=se&se_ca=c&se_ac=a&cx=" + Base64Lenient.encode(WEB_PAGE_CONTEXTS)));

        assertThat(result.bad()).isEmpty();
        EnrichedEvent event = result.good().get(0).event();
        assertThat(event.event()).isEqualTo("struct");
        assertThat(event.contexts())
                .extracting(entity -> entity.schema().name())
                .containsExactly("web_page", "uri_redirect");
    }

    @Test
    void shouldAnonymiseTheAddressWhenConfigured() {
        Enricher anonymising = new Enricher(
                EnricherConfig.defaults()
                        .withYauaa(false)
                        .withIpAnonymisation(EnricherConfig.IpAnonymisation.masking(2, 4)),
                Requests.CLOCK);

        EnrichedEvent event = anonymising.enrich(workedExample()).good().get(0).event();

        assertThat(event.getString(AtomicField.USER_IPADDRESS)).isEqualTo("203.0.x.x");
    }

    private static String tsv(EnrichedEvent event, AtomicField field) {
        return EnrichedTsv.formatValue(field, event.get(field));
    }
}
