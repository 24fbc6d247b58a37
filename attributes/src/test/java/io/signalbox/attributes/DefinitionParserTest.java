package io.signalbox.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.events.AtomicField;
import io.signalbox.events.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DefinitionParserTest {

    static final String WEB_USER = """
            {"name":"web_user","version":2,"owner":"ana@acme.io",
             "attribute_key":{"name":"domain_userid","key":"domain_userid"},
             "ttl":"P1Y","online":true,"offline":false,"is_published":true,
             "backfill_since_tstamp":"2025-01-01T00:00:00Z",
             "attributes":[
               {"name":"page_views_10m","type":"int32","aggregation":"counter",
                "events":[{"vendor":"com.snowplowanalytics.snowplow","name":"page_view","version":"1-0-0"}],
                "period":"PT10M","default_value":0,"description":"views"},
               {"name":"faq_tiers","type":"string_list","aggregation":"unique_list",
                "property":{"type":"entity","vendor":"com.acme","name":"user","major_version":1,"path":"tier","index":0},
                "criteria":{"all":[{"property":{"type":"atomic","name":"page_url"},"operator":"like","value":"%/faq%"}],
                            "any":[{"property":{"type":"entity","vendor":"com.acme","name":"user","major_version":1,
                                                "path":"tier","index":0},"operator":"in","value":["gold","silver"]}]}},
               {"name":"cart_total","type":"double","aggregation":"sum",
                "property":{"type":"event","vendor":"com.acme","name":"checkout","major_version":1,"path":"$.cart.total"}},
               {"name":"hours_since_visit","type":"double","aggregation":"time_since_last","time_unit":"h"},
               {"name":"visit_hour","type":"int32","aggregation":"most_frequent",
                "property":{"type":"atomic","name":"derived_tstamp","date_part":"hour_of_day"}}
             ]}
            """;

    static JsonNode json(String text) {
        return Json.parse(text);
    }

    static String problemsOf(String groupJson) {
        try {
            DefinitionParser.parseAttributeGroup(json(groupJson));
        } catch (DefinitionException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a DefinitionException for " + groupJson);
    }

    static String group(String attributes) {
        return "{\"name\":\"web_user\",\"version\":2,\"attribute_key\":{\"name\":\"domain_userid\"},\"attributes\":["
                + attributes + "]}";
    }

    @Test
    void shouldReadTheReferenceStreamGroup() {
        AttributeGroupDefinition group = DefinitionParser.parseAttributeGroup(json(WEB_USER));

        assertThat(group.name()).isEqualTo("web_user");
        assertThat(group.version()).isEqualTo(2);
        assertThat(group.owner()).isEqualTo("ana@acme.io");
        assertThat(group.attributeKey().keyProperty()).isEqualTo(Property.atomic(AtomicField.DOMAIN_USERID));
        assertThat(group.ttl()).isEqualTo(Duration.ofDays(365));
        assertThat(group.isPublished()).isTrue();
        assertThat(group.backfillSinceTstamp()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(group.attributes()).hasSize(5);

        AttributeDefinition views = group.attribute("page_views_10m");
        assertThat(views.aggregation()).isEqualTo(Aggregation.COUNTER);
        assertThat(views.events()).containsExactly(EventSelector.PAGE_VIEW);
        assertThat(views.period()).isEqualTo(Duration.ofMinutes(10));
        assertThat(views.defaultValue()).isEqualTo(0L);

        AttributeDefinition tiers = group.attribute("faq_tiers");
        assertThat(tiers.events()).isEmpty();
        assertThat(tiers.property())
                .isEqualTo(new Property.Entity("com.acme", "user", 1, JsonPath.parse("tier"), 0, null));
        assertThat(tiers.criteria().all()).singleElement().satisfies(c -> {
            assertThat(c.operator()).isEqualTo(Operator.LIKE);
            assertThat(c.value()).isEqualTo("%/faq%");
        });
        assertThat(tiers.criteria().any().getFirst().value()).isEqualTo(List.of("gold", "silver"));

        assertThat(((Property.Event) group.attribute("cart_total").property())
                        .path()
                        .text())
                .isEqualTo("$.cart.total");
        assertThat(group.attribute("hours_since_visit").timeUnit()).isEqualTo(TimeUnit.HOURS);
        assertThat(group.attribute("visit_hour").property().datePart()).isEqualTo(DatePart.HOUR_OF_DAY);
    }

    @Test
    void shouldReadBuiltInCustomAndExternalKeys() {
        AttributeKeyDefinition builtIn = DefinitionParser.parseAttributeKey(
                json("{\"name\":\"domain_sessionid\",\"key\":\"domain_sessionid\",\"description\":\"session\"}"));
        AttributeKeyDefinition alias = DefinitionParser.parseAttributeKey(json("{\"name\":\"user\"}"));
        AttributeKeyDefinition custom = DefinitionParser.parseAttributeKey(json("""
                {"name":"tier","owner":"ana@acme.io","ttl":"P365D",
                 "property":{"type":"entity","vendor":"com.acme","name":"user","major_version":1,"path":"tier"}}"""));
        AttributeKeyDefinition unnamed = DefinitionParser.parseAttributeKey(
                json("{\"property\":{\"type\":\"atomic\",\"name\":\"user_ipaddress\"}}"));
        AttributeKeyDefinition external = DefinitionParser.parseAttributeKey(
                json("{\"name\":\"CUSTOMER_ID\",\"external_column\":\"CUSTOMER_ID\"}"));

        assertThat(builtIn.keyProperty()).isEqualTo(Property.atomic(AtomicField.DOMAIN_SESSIONID));
        assertThat(alias.keyProperty()).isEqualTo(Property.atomic(AtomicField.DOMAIN_USERID));
        assertThat(custom.ttl()).isEqualTo(Duration.ofDays(365));
        assertThat(custom.keyProperty()).isInstanceOf(Property.Entity.class);
        assertThat(unnamed.name()).isEqualTo("user_ipaddress");
        assertThat(external.keyProperty()).isNull();
    }

    @Test
    void shouldReadExternalBatchGroupsAndKeepTheirFields() {
        AttributeGroupDefinition group = DefinitionParser.parseAttributeGroup(json("""
                {"name":"crm","version":1,"attribute_key":{"name":"CUSTOMER_ID","external_column":"CUSTOMER_ID"},
                 "offline":true,"fields":[{"name":"LIFETIME_VALUE","type":"double"}],
                 "batch_source":{"name":"crm_src","database":"DB","schema":"S","table":"T","timestamp_field":"TS"},
                 "backfill_since_tstamp":"2025-01-01 00:00:00.000"}"""));

        assertThat(group.attributes()).isEmpty();
        assertThat(group.offline()).isTrue();
        assertThat(group.fields().get(0).get("name").stringValue()).isEqualTo("LIFETIME_VALUE");
        assertThat(group.batchSource().get("table").stringValue()).isEqualTo("T");
    }

    @Test
    void shouldReadServicesWithDefaultVersionOne() {
        ServiceDefinition service = DefinitionParser.parseService(json("""
                {"name":"web","owner":"ana@acme.io",
                 "attribute_groups":[{"name":"web_user","version":2},{"name":"crm"}]}"""));

        assertThat(service.attributeGroups()).containsExactly(new GroupRef("web_user", 2), new GroupRef("crm", 1));
    }

    @Test
    void shouldReadNestedRuleInterventions() {
        InterventionDefinition intervention = DefinitionParser.parseIntervention(json("""
                {"name":"cart_nudge","version":3,"owner":"ana@acme.io","is_published":true,
                 "criteria":{"all":[{"attribute":"web_user:page_views_10m","operator":">=","value":3},
                                    {"none":[{"attribute":"web_user:last_referrer","operator":"=","value":"email"}]},
                                    {"any":[{"attribute":"shop:cart_value","operator":">","value":50},
                                            {"attribute":"shop:vip","operator":"is not null"}]}]},
                 "target_attribute_keys":[{"name":"domain_userid"}],
                 "payload_attribute_groups":[{"name":"shop","version":1}]}"""));

        InterventionCriteria.All all = (InterventionCriteria.All) intervention.criteria();
        assertThat(all.members()).hasSize(3);
        assertThat(all.members().get(1)).isInstanceOf(InterventionCriteria.None.class);
        InterventionCriteria.Leaf first =
                (InterventionCriteria.Leaf) all.members().getFirst();
        assertThat(first.group()).isEqualTo("web_user");
        assertThat(first.attributeName()).isEqualTo("page_views_10m");
        assertThat(first.value()).isEqualTo(3L);
        assertThat(intervention.targetAttributeKeys())
                .extracting(AttributeKeyDefinition::name)
                .containsExactly("domain_userid");
        assertThat(intervention.payloadAttributeGroups()).containsExactly(new GroupRef("shop", 1));
    }

    @Test
    void shouldReadAllOperatorsOfInterventions() {
        for (Operator operator : Operator.values()) {
            String value = switch (operator) {
                case IN, NOT_IN -> ",\"value\":[1,2]";
                case IS_NULL, IS_NOT_NULL, CHANGED -> "";
                case LIKE, NOT_LIKE, RLIKE, NOT_RLIKE -> ",\"value\":\"a.*\"";
                default -> ",\"value\":1.5";
            };
            InterventionDefinition intervention = DefinitionParser.parseIntervention(
                    json("{\"name\":\"i\",\"criteria\":{\"attribute\":\"g:a\",\"operator\":\"" + operator.text() + "\""
                            + value + "}}"));

            assertThat(((InterventionCriteria.Leaf) intervention.criteria()).operator())
                    .isEqualTo(operator);
        }
    }

    @Test
    void shouldReadADocumentInYaml() {
        Definitions definitions = DefinitionParser.parseDocument("""
                attribute_groups:
                  - name: web_user
                    attribute_key: {name: domain_userid}
                    attributes:
                      - name: views
                        type: int64
                        aggregation: counter
                        events: [{name: page_view}]
                        period: P7D
                services:
                  - name: web
                    attribute_groups: [{name: web_user}]
                """);

        assertThat(definitions.attributeGroups()).singleElement().satisfies(group -> {
            assertThat(group.version()).isEqualTo(1);
            assertThat(group.attribute("views").period()).isEqualTo(Duration.ofDays(7));
        });
        assertThat(definitions.service("web").attributeGroups()).containsExactly(new GroupRef("web_user", 1));
        assertThat(definitions
                        .resolveKey(definitions.attributeGroups().getFirst())
                        .keyProperty())
                .isEqualTo(Property.atomic(AtomicField.DOMAIN_USERID));
    }

    @Test
    void shouldAcceptUnknownFieldsAndSecondsAsDurations() {
        AttributeGroupDefinition group = DefinitionParser.parseAttributeGroup(json(group(
                "{\"name\":\"v\",\"type\":\"int32\",\"aggregation\":\"counter\",\"period\":3600,\"future\":{}}")));

        assertThat(group.attribute("v").period()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldNameDefinitionFieldAndValueInEveryProblem() {
        String message = problemsOf(group(
                "{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\",\"events\":[{\"name\":\"page_view\"}]},"
                        + "{\"name\":\"b\",\"type\":\"int32\",\"aggregation\":\"counter\",\"period\":\"PT0S\"}"));

        assertThat(message).isEqualTo("attribute group 'web_user' v2: attributes[1].period must be positive, was PT0S");
    }

    @Test
    void shouldCollectSeveralProblems() {
        DefinitionException error = (DefinitionException) catchThrowable(() -> DefinitionParser.parseAttributeGroup(
                json(group("{\"name\":\"bad name\",\"type\":\"int33\",\"aggregation\":\"count\"}"))));

        assertThat(error.problems())
                .containsExactly(
                        "attribute group 'web_user' v2: attributes[0].name must be 1 to 128 letters, digits or "
                                + "underscores, was 'bad name'",
                        "attribute group 'web_user' v2: attributes[0].type must be one of bytes, string, int32, "
                                + "int64, double, float, bool, unix_timestamp, bytes_list, string_list, int32_list, "
                                + "int64_list, double_list, float_list, bool_list, unix_timestamp_list, dict, was "
                                + "'int33'",
                        "attribute group 'web_user' v2: attributes[0].aggregation must be one of counter, sum, min, "
                                + "max, mean, first, last, unique_list, most_frequent, least_frequent, "
                                + "category_count, approx_count_distinct, time_since_last, time_since_first, was "
                                + "'count'");
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected an exception");
    }

    @Test
    void shouldRefuseAttributesWhoseTypeDoesNotSuitTheAggregation() {
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"string\",\"aggregation\":\"sum\","
                        + "\"property\":{\"type\":\"atomic\",\"name\":\"tr_total\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].type must be int32, int64, double or float "
                        + "for sum, was 'string'");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"string\",\"aggregation\":\"unique_list\","
                        + "\"property\":{\"type\":\"atomic\",\"name\":\"app_id\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].type must be a list type such as "
                        + "string_list for unique_list, was 'string'");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"string\",\"aggregation\":\"category_count\","
                        + "\"property\":{\"type\":\"atomic\",\"name\":\"app_id\"}}")))
                .contains("attributes[0].type must be dict for category_count, was 'string'");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\","
                        + "\"property\":{\"type\":\"atomic\",\"name\":\"app_id\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].property is not used by counter and must "
                        + "be left out, was 'app_id'");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"double\",\"aggregation\":\"max\","
                        + "\"property\":{\"type\":\"atomic\",\"name\":\"br_cookies\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].property must be numeric for max, was "
                        + "'br_cookies (boolean)'");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"string\",\"aggregation\":\"first\"}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].property is required for first");
    }

    @Test
    void shouldRefuseTimeSinceWithoutUnitOrDoubleType() {
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"time_since_first\"}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].type must be double or float for "
                        + "time_since_first, was 'int32'; attribute group 'web_user' v2: attributes[0].time_unit is "
                        + "required for time_since_first (s, min, h or d)");
        assertThat(problemsOf(group(
                        "{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\"," + "\"time_unit\":\"h\"}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].time_unit is only for time_since_last and "
                        + "time_since_first, was 'h'");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"double\",\"aggregation\":\"time_since_last\","
                        + "\"time_unit\":\"d\",\"property\":{\"type\":\"atomic\",\"name\":\"page_url\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].property must be a date-time for "
                        + "time_since_last, was 'page_url'");
    }

    @Test
    void shouldRefuseTtlWithPeriodAndNonPositiveDurations() {
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\","
                        + "\"period\":\"P1D\",\"ttl\":\"P2D\"}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].ttl cannot be combined with a period; a "
                        + "window's values expire with it, was P2D");
        assertThat(problemsOf(group(
                        "{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\"," + "\"period\":\"-P1D\"}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].period must be positive, was -P1D");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\","
                        + "\"period\":\"seven days\"}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].period must be an ISO-8601 duration such "
                        + "as PT10M or P7D, was 'seven days'");
    }

    @Test
    void shouldRefuseDatePartsWhereTheyCannotWork() {
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"first\","
                        + "\"property\":{\"type\":\"atomic\",\"name\":\"page_url\",\"date_part\":\"hour_of_day\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].property.date_part needs a date-time "
                        + "property, not page_url, was 'hour_of_day'");
        assertThat(
                        problemsOf(
                                group(
                                        "{\"name\":\"a\",\"type\":\"string\",\"aggregation\":\"first\","
                                                + "\"property\":{\"type\":\"atomic\",\"name\":\"derived_tstamp\",\"date_part\":\"day_of_week\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].type must be int32 or int64 for date_part "
                        + "day_of_week, was 'string'");
        assertThat(
                        problemsOf(
                                group(
                                        "{\"name\":\"a\",\"type\":\"int32_list\",\"aggregation\":\"unique_list\","
                                                + "\"property\":{\"type\":\"atomic\",\"name\":\"derived_tstamp\",\"date_part\":\"active_day\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].type must be string list for date_part "
                        + "active_day, was 'int32_list'");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"double\",\"aggregation\":\"sum\","
                        + "\"property\":{\"type\":\"event\",\"vendor\":\"v\",\"name\":\"n\",\"major_version\":1,"
                        + "\"path\":\"t\",\"date_part\":\"hour_of_day\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].property.date_part cannot be used with sum, "
                        + "was 'hour_of_day'");
    }

    @Test
    void shouldRefuseCriteriaWhoseValueDoesNotSuitTheOperator() {
        String criterion =
                "{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\",\"criteria\":{\"all\":[%s]}}";
        String url = "\"property\":{\"type\":\"atomic\",\"name\":\"page_url\"}";

        assertThat(problemsOf(group(criterion.formatted("{" + url + ",\"operator\":\"like\",\"value\":5}"))))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].criteria.all[0].value must be a string for "
                        + "like, was 5");
        assertThat(problemsOf(group(criterion.formatted("{" + url + ",\"operator\":\"rlike\",\"value\":\"a(\"}"))))
                .startsWith("attribute group 'web_user' v2: attributes[0].criteria.all[0].value is not a valid "
                        + "regular expression (");
        assertThat(problemsOf(group(criterion.formatted("{" + url + ",\"operator\":\"=\",\"value\":[1]}"))))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].criteria.all[0].value must be a single "
                        + "value for =, was [1]");
        assertThat(problemsOf(group(criterion.formatted("{" + url + ",\"operator\":\"in\",\"value\":[]}"))))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].criteria.all[0].value must hold 1 to 1000 "
                        + "items, has 0");
        assertThat(problemsOf(group(criterion.formatted("{" + url + ",\"operator\":\"changed\"}"))))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].criteria.all[0].operator changed is only "
                        + "for intervention criteria, was 'changed'");
        assertThat(problemsOf(group(criterion.formatted("{" + url + ",\"operator\":\"~\",\"value\":1}"))))
                .contains("attributes[0].criteria.all[0].operator must be one of =, !=, <, >, <=, >=, like, not "
                        + "like, rlike, not rlike, in, not in, is null, is not null, changed, was '~'");
        assertThat(problemsOf(group(criterion.formatted("{" + url + ",\"operator\":\"LIKE\",\"value\":\"a\"}"))))
                .contains("attributes[0].criteria.all[0].operator must be one of", "was 'LIKE'");
        assertThat(problemsOf(group(criterion.formatted("{" + url + ",\"operator\":\"=\"}"))))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].criteria.all[0].value is required for =");
    }

    @Test
    void shouldRefuseCriteriaListsOutsideOneToAHundred() {
        String many = String.join(
                ",",
                java.util.Collections.nCopies(
                        101, "{\"property\":{\"type\":\"atomic\",\"name\":\"app_id\"},\"operator\":\"is null\"}"));

        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\","
                        + "\"criteria\":{\"any\":[]}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].criteria.any must hold 1 to 100 items, has 0");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\","
                        + "\"criteria\":{\"all\":[" + many + "]}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].criteria.all must hold 1 to 100 items, has "
                        + "101");
    }

    @Test
    void shouldRefuseMalformedPropertiesAndSelectors() {
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"string\",\"aggregation\":\"last\","
                        + "\"property\":{\"type\":\"atomic\",\"name\":\"page_uri\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].property.name must be one of the 131 atomic "
                        + "columns, was 'page_uri'");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"string\",\"aggregation\":\"last\","
                        + "\"property\":{\"type\":\"entity\",\"vendor\":\"v\",\"name\":\"n\",\"major_version\":0,"
                        + "\"path\":\"a['b']\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].property.major_version must be an integer "
                        + "from 1 to 2147483647, was 0; attribute group 'web_user' v2: attributes[0].property.path "
                        + "must be dotted names and [n] indexes, was 'a['b']'");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\","
                        + "\"events\":[{\"version\":\"1.0.0\"}]}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].events[0].version must match "
                        + "^\\d+-\\d+-\\d+$, was '1.0.0'");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"string\",\"aggregation\":\"last\","
                        + "\"property\":{\"type\":\"column\",\"name\":\"app_id\"}}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].property.type must be atomic, event or "
                        + "entity, was 'column'");
    }

    @Test
    void shouldRefuseDefaultValuesOfTheWrongType() {
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\","
                        + "\"default_value\":\"zero\"}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].default_value must be a value of type int32, "
                        + "was 'zero'");
        assertThat(problemsOf(group("{\"name\":\"a\",\"type\":\"string_list\",\"aggregation\":\"unique_list\","
                        + "\"property\":{\"type\":\"atomic\",\"name\":\"app_id\"},\"default_value\":\"x\"}")))
                .isEqualTo("attribute group 'web_user' v2: attributes[0].default_value must be a list for "
                        + "string_list, was 'x'");
    }

    @Test
    void shouldRefuseBadGroupFields() {
        assertThat(problemsOf("{\"name\":\"g\",\"version\":0,\"attribute_key\":{\"name\":\"domain_userid\"},"
                        + "\"attributes\":[]}"))
                .isEqualTo("attribute group 'g' v0: version must be an integer from 1 to 1000000, was 0; attribute "
                        + "group 'g' v0: attributes must hold at least one attribute for a stream group, was []");
        assertThat(
                        problemsOf(
                                "{\"name\":\"g\",\"attributes\":[{\"name\":\"a\",\"type\":\"int32\","
                                        + "\"aggregation\":\"counter\"},{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\"}]}"))
                .isEqualTo("attribute group 'g' v1: attribute_key is required; attribute group 'g' v1: "
                        + "attributes[1].name repeats another attribute's name, was 'a'");
        assertThat(
                        problemsOf(
                                "{\"version\":3,\"attribute_key\":{\"name\":\"k\",\"external_column\":\"K\"},"
                                        + "\"online\":\"yes\",\"attributes\":[{\"name\":\"a\",\"type\":\"int32\",\"aggregation\":\"counter\"}]}"))
                .isEqualTo("attribute group (no name) v3: name is required; attribute group (no name) v3: "
                        + "attribute_key.external_column must equal the key's name 'k', was 'K'; attribute group (no "
                        + "name) v3: online must be true or false, was 'yes'");
    }

    @Test
    void shouldRefuseMisplacedChangedAndBadReferencesInInterventions() {
        assertThatThrownBy(() -> DefinitionParser.parseIntervention(json("""
                        {"name":"i","version":2,"criteria":{"any":[{"attribute":"g:a","operator":"changed"},
                                                           {"attribute":"g_v2:a:b","operator":"=","value":1}]}}""")))
                .isInstanceOf(DefinitionException.class)
                .hasMessage("intervention 'i' v2: criteria.any[0].operator changed may only stand alone or inside "
                        + "all, was 'changed'; intervention 'i' v2: criteria.any[1].attribute must be "
                        + "group:attribute without a version, was 'g_v2:a:b'");
        assertThatThrownBy(() -> DefinitionParser.parseIntervention(
                        json("{\"name\":\"i\",\"criteria\":{\"all\":[],\"any\":[]}}")))
                .hasMessage("intervention 'i' v1: criteria must hold exactly one of all, any or none, has 'all, any'");
    }

    @Test
    void shouldRefuseServicesWithoutGroupsOrWithTooMany() {
        assertThatThrownBy(() -> DefinitionParser.parseService(json("{\"name\":\"s\",\"attribute_groups\":[]}")))
                .hasMessage("service 's': attribute_groups must hold 1 to 100 items, has 0");
    }

    @Test
    void shouldRefuseTextOverOneMebibyteAndMalformedText() {
        String huge = "{\"x\":\"" + "a".repeat(DefinitionParser.MAX_TEXT_BYTES) + "\"}";

        assertThatThrownBy(() -> DefinitionParser.parseDocument(huge))
                .isInstanceOf(DefinitionException.class)
                .hasMessageStartingWith("definitions: the text is larger than the limit of 1048576 bytes, was 1048584");
        assertThatThrownBy(() -> DefinitionParser.parseDocument("{\"attribute_groups\": ["))
                .isInstanceOf(DefinitionException.class)
                .hasMessageStartingWith("definitions: not valid JSON: ");
        assertThatThrownBy(() -> DefinitionParser.parseDocument("{\"services\":[],\"services\":[]}"))
                .hasMessageStartingWith("definitions: not valid JSON: ");
        assertThatThrownBy(() -> DefinitionParser.parseDocument("- a\n- b\n"))
                .hasMessageStartingWith("definitions: the document must be an object");
    }

    @Test
    void shouldRefuseDuplicatesInADocumentAndNameItemsWithoutNames() {
        assertThatThrownBy(() -> DefinitionParser.parseDocument("""
                        {"services":[{"name":"s","attribute_groups":[{"name":"g"}]},
                                     {"name":"s","attribute_groups":[{"name":"g"}]},
                                     {"attribute_groups":[{"name":"g"}]}]}"""))
                .hasMessage("service at services[2]: name is required; service 's': is defined twice in the document");
    }
}
