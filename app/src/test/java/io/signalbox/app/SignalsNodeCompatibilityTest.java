package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The official {@code @snowplow/signals-node} SDK in sandbox-token mode against a running Signalbox: it reads the
 * counters the engine computed from visits sent moments before with {@code @snowplow/node-tracker}, through a
 * service, a group version and a batch call, gets nulls for an identifier nobody has seen, and fails on a wrong
 * token or an unknown service. Signals-node 0.2.0 only reads attributes; it cannot publish or read definitions, so
 * that part of the API is covered by the HTTP tests instead.
 */
class SignalsNodeCompatibilityTest {
    private static final String SERVICE = "prospect_scoring_tutorial_service";
    private static final String GROUP = "prospect_scoring_tutorial";
    /** Three pricing views, one customers view, two other pages and a structured event. */
    private static final String PROSPECT = "0b7a3c52-6e43-4a8e-9f0c-2d1f4b6a8e10";
    /** Two views of the home page only. */
    private static final String BROWSER = "c4e1d9a0-3b27-4f65-8d8e-7a90b1c2d3e4";
    /** Sent nothing. */
    private static final String UNKNOWN = "f0e1d2c3-b4a5-4968-8776-655443322110";

    @TempDir
    static Path dataDir;

    static TestNode node;
    static JsonNode acknowledged;
    static JsonNode results;

    @BeforeAll
    static void trackVisitsThenCallTheSdk() throws Exception {
        node = TestNode.start(dataDir);
        acknowledged = Json.parse(Clients.node("node-tracker-visits.mjs", node.baseUrl(), visits()));
        node.awaitProcessed();
        results = Json.parse(Clients.node("signals-node-calls.mjs", node.baseUrl(), calls()));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldHaveEveryTrackedEventAcknowledgedByTheCollector() {
        assertThat(acknowledged).isEqualTo(json("{'%s': 7, '%s': 2}", PROSPECT, BROWSER));
    }

    @Test
    void shouldServeTheCountsComputedFromTheVisitsThroughAService() {
        assertThat(value("prospect by service"))
                .isEqualTo(json(
                        "{'domain_userid': '%s', 'num_page_views': 6, 'num_pricing_views': 3,"
                                + " 'num_customers_views': 1}",
                        PROSPECT));
    }

    @Test
    void shouldServeTheNamedAttributesOfAGroupVersion() {
        assertThat(value("prospect by group"))
                .isEqualTo(json("{'domain_userid': '%s', 'num_pricing_views': 3, 'num_customers_views': 1}", PROSPECT));
    }

    @Test
    void shouldServeZeroForACounterThatNoEventOfAKnownVisitorMatched() {
        assertThat(value("browser by service"))
                .isEqualTo(json(
                        "{'domain_userid': '%s', 'num_page_views': 2, 'num_pricing_views': 0,"
                                + " 'num_customers_views': 0}",
                        BROWSER));
    }

    @Test
    void shouldServeNullsForAnIdentifierWithoutEvents() {
        assertThat(value("unknown by service"))
                .isEqualTo(json(
                        "{'domain_userid': '%s', 'num_page_views': null, 'num_pricing_views': null,"
                                + " 'num_customers_views': null}",
                        UNKNOWN));
    }

    @Test
    void shouldServeEveryIdentifierOfABatchCallInRequestOrder() {
        assertThat(value("batch by service"))
                .isEqualTo(json(
                        "{'domain_userid': ['%s', '%s', '%s'], 'num_page_views': [6, 2, null],"
                                + " 'num_pricing_views': [3, 0, null], 'num_customers_views': [1, 0, null]}",
                        PROSPECT, BROWSER, UNKNOWN));
    }

    @Test
    void shouldFailWith401ForAWrongSandboxToken() {
        assertThat(error("wrong token")).startsWith("[Signals] API error: 401").contains("a valid API key is required");
    }

    @Test
    void shouldFailWith404ForAnUnknownService() {
        assertThat(error("unknown service"))
                .startsWith("[Signals] API error: 404")
                .contains("service 'no_such_service' does not exist");
    }

    private static String visits() {
        String site = "https://www.acme.example";
        return json("""
                        [{'domainUserId': '%1$s', 'sessionId': 'd1a2b3c4-0000-4000-8000-000000000001', 'structEvents': 1,
                          'pageUrls': ['%2$s/', '%2$s/pricing', '%2$s/pricing?plan=team', '%2$s/customers',
                                       '%2$s/docs', '%2$s/pricing#faq']},
                         {'domainUserId': '%3$s', 'sessionId': 'd1a2b3c4-0000-4000-8000-000000000002', 'structEvents': 0,
                          'pageUrls': ['%2$s/', '%2$s/']}]
                        """, PROSPECT, site, BROWSER).toString();
    }

    private static String calls() {
        String token = TestNode.API_KEY;
        return json("""
                        [{'label': 'prospect by service', 'sandboxToken': '%1$s', 'method': 'getServiceAttributes',
                          'request': {'name': '%2$s', 'attribute_key': 'domain_userid', 'identifier': '%4$s'}},
                         {'label': 'prospect by group', 'sandboxToken': '%1$s', 'method': 'getGroupAttributes',
                          'request': {'name': '%3$s', 'version': 1, 'attribute_key': 'domain_userid',
                                      'identifier': '%4$s',
                                      'attributes': ['num_pricing_views', 'num_customers_views']}},
                         {'label': 'browser by service', 'sandboxToken': '%1$s', 'method': 'getServiceAttributes',
                          'request': {'name': '%2$s', 'attribute_key': 'domain_userid', 'identifier': '%5$s'}},
                         {'label': 'unknown by service', 'sandboxToken': '%1$s', 'method': 'getServiceAttributes',
                          'request': {'name': '%2$s', 'attribute_key': 'domain_userid', 'identifier': '%6$s'}},
                         {'label': 'batch by service', 'sandboxToken': '%1$s', 'method': 'getBatchServiceAttributes',
                          'request': {'name': '%2$s', 'attribute_key': 'domain_userid',
                                      'identifiers': ['%4$s', '%5$s', '%6$s']}},
                         {'label': 'wrong token', 'sandboxToken': 'not-%1$s', 'method': 'getServiceAttributes',
                          'request': {'name': '%2$s', 'attribute_key': 'domain_userid', 'identifier': '%4$s'}},
                         {'label': 'unknown service', 'sandboxToken': '%1$s', 'method': 'getServiceAttributes',
                          'request': {'name': 'no_such_service', 'attribute_key': 'domain_userid',
                                      'identifier': '%4$s'}}]
                        """, token, SERVICE, GROUP, PROSPECT, BROWSER, UNKNOWN).toString();
    }

    private static JsonNode value(String label) {
        JsonNode result = results.get(label);
        assertThat(result).as("result of call '%s'", label).isNotNull();
        assertThat(result.has("error"))
                .as("call '%s' failed: %s", label, result.get("error"))
                .isFalse();
        return result.get("value");
    }

    private static String error(String label) {
        JsonNode result = results.get(label);
        assertThat(result).as("result of call '%s'", label).isNotNull();
        assertThat(result.has("error"))
                .as("call '%s' should fail but returned %s", label, result.get("value"))
                .isTrue();
        return result.get("error").asString();
    }

    /** JSON written with single quotes for readability; the values filled in must not contain quotes. */
    private static JsonNode json(String template, Object... values) {
        return Json.parse(template.formatted(values).replace('\'', '"'));
    }
}
