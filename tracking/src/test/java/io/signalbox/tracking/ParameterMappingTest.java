package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ParameterMappingTest {
    private final EnrichedEvent event = new EnrichedEvent();
    private final List<ObjectNode> errors = new ArrayList<>();

    private void apply(String... pairs) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        ParameterMapping.apply(parameters, event, errors);
    }

    private List<String> errorJson() {
        return errors.stream().map(Json::write).toList();
    }

    @Test
    void shouldMapEventCodesToEventNames() {
        for (String[] pair : new String[][] {
            {"pv", "page_view"},
            {"pp", "page_ping"},
            {"se", "struct"},
            {"ev", "struct"},
            {"tr", "transaction"},
            {"ti", "transaction_item"},
            {"ue", "unstruct"},
            {"ad", "ad_impression"}
        }) {
            apply("e", pair[0]);
            assertThat(event.event()).isEqualTo(pair[1]);
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldReportAnUnknownEventCodeNamingTheParameter() {
        apply("e", "xx");

        assertThat(errorJson())
                .containsExactly("{\"field\":\"e\",\"value\":\"xx\",\"error\":\"Not a valid event type\"}");
    }

    @Test
    void shouldAcceptEveryPlatformCodeAndRefuseOthers() {
        for (String platform : List.of("web", "mob", "pc", "srv", "app", "tv", "cnsl", "iot", "headset")) {
            apply("p", platform);
            assertThat(event.getString(AtomicField.PLATFORM)).isEqualTo(platform);
        }
        apply("p", "desktop");

        assertThat(errorJson())
                .containsExactly("{\"field\":\"p\",\"value\":\"desktop\",\"error\":\"Not a valid platform\"}");
    }

    @Test
    void shouldStoreUuidsLowerCaseAndRefuseOtherForms() {
        apply("eid", "2EC13853-EF9E-414A-8976-E64A4693B134", "sid", "be9520e7-16a5-4d4e-afa1-8e269f99a1cf");
        assertThat(event.eventId()).isEqualTo("2ec13853-ef9e-414a-8976-e64a4693b134");
        assertThat(event.domainSessionid()).isEqualTo("be9520e7-16a5-4d4e-afa1-8e269f99a1cf");

        apply("eid", "1-2-3-4-5", "sid", "{be9520e7-16a5-4d4e-afa1-8e269f99a1cf}");

        assertThat(errorJson())
                .containsExactly(
                        "{\"field\":\"eid\",\"value\":\"1-2-3-4-5\",\"error\":\"Not a valid UUID\"}",
                        "{\"field\":\"sid\",\"value\":\"{be9520e7-16a5-4d4e-afa1-8e269f99a1cf}\",\"error\":\"Not a valid UUID\"}");
    }

    @Test
    void shouldSplitSizesAndReportTheRegexWhenASizeIsMalformed() {
        apply("res", "1920x1080", "vp", "abc", "ds", "10x");

        assertThat(event.getInteger(AtomicField.DVCE_SCREENWIDTH)).isEqualTo(1920);
        assertThat(event.getInteger(AtomicField.DVCE_SCREENHEIGHT)).isEqualTo(1080);
        assertThat(event.getInteger(AtomicField.BR_VIEWWIDTH)).isNull();
        assertThat(errorJson())
                .containsExactly(
                        "{\"field\":\"vp\",\"value\":\"abc\",\"error\":\"Does not conform to regex (\\\\d+)x(\\\\d+)\"}",
                        "{\"field\":\"ds\",\"value\":\"10x\",\"error\":\"Does not conform to regex (\\\\d+)x(\\\\d+)\"}");
    }

    @Test
    void shouldParseIntegersAcceptingTheLiteralNull() {
        apply("vid", "3", "tid", "null", "pp_mix", "NULL", "ti_qu", "2");

        assertThat(event.getInteger(AtomicField.DOMAIN_SESSIONIDX)).isEqualTo(3);
        assertThat(event.getInteger(AtomicField.TXN_ID)).isNull();
        assertThat(event.getInteger(AtomicField.TI_QUANTITY)).isEqualTo(2);
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldReportAnEmptyOrNonNumericInteger() {
        apply("vid", "", "pp_max", "1.5");

        assertThat(errorJson())
                .containsExactly(
                        "{\"field\":\"vid\",\"value\":\"\",\"error\":\"Not a valid integer\"}",
                        "{\"field\":\"pp_max\",\"value\":\"1.5\",\"error\":\"Not a valid integer\"}");
    }

    @Test
    void shouldParseDecimalsExactlyAndNormaliseANegativeScale() {
        apply("se_va", "9.99", "tr_tt", "10.0", "tr_tx", "1E+2", "ti_pr", "null");

        assertThat(event.get(AtomicField.SE_VALUE)).isEqualTo(new BigDecimal("9.99"));
        assertThat(event.get(AtomicField.TR_TOTAL).toString()).isEqualTo("10.0");
        assertThat(event.get(AtomicField.TR_TAX).toString()).isEqualTo("100");
        assertThat(event.get(AtomicField.TI_PRICE)).isNull();
        apply("tr_sh", "1,5");
        assertThat(errorJson())
                .containsExactly("{\"field\":\"tr_sh\",\"value\":\"1,5\",\"error\":\"Not a valid decimal number\"}");
    }

    @Test
    void shouldParseMillisecondTimestampsWithinYearsZeroTo9999() {
        apply("dtm", "1709284500000", "stm", "1709284501500", "ttm", "0");

        assertThat(event.getInstant(AtomicField.DVCE_CREATED_TSTAMP)).isEqualTo(Instant.parse("2024-03-01T09:15:00Z"));
        assertThat(event.getInstant(AtomicField.TRUE_TSTAMP)).isEqualTo(Instant.EPOCH);
        apply("dtm", "253402300800000", "stm", "soon");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("dtm");
    }

    @Test
    void shouldReadFlagsAsExactlyOneOrZero() {
        apply("cookie", "1", "f_pdf", "0", "f_fla", "true");

        assertThat(event.get(AtomicField.BR_COOKIES)).isEqualTo(Boolean.TRUE);
        assertThat(event.get(AtomicField.BR_FEATURES_PDF)).isEqualTo(Boolean.FALSE);
        assertThat(errorJson())
                .containsExactly(
                        "{\"field\":\"f_fla\",\"value\":\"true\",\"error\":\"Not a valid boolean: expected 1 or 0\"}");
    }

    @Test
    void shouldSanitiseTextAndTurnEmptyTextIntoNull() {
        apply("page", "Tab\there\r\nnext", "aid", "", "uid", "\u0007");

        assertThat(event.getString(AtomicField.PAGE_TITLE)).isEqualTo("Tab    herenext");
        assertThat(event.appId()).isNull();
        assertThat(event.userId()).isNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldLetTnuidBeatNuidWhateverTheOrder() {
        apply("tnuid", "from-tnuid", "nuid", "from-nuid");

        assertThat(event.networkUserid()).isEqualTo("from-tnuid");
    }

    @Test
    void shouldTakeTheFirstTokenOfTheIpParameterAndMapLegacyAliases() {
        apply("ip", "1.2.3.4, 5.6.7.8", "ev_ca", "shop", "ev_va", "2", "ti_na", "Shoe", "cv", "my-collector");

        assertThat(event.getString(AtomicField.USER_IPADDRESS)).isEqualTo("1.2.3.4");
        assertThat(event.getString(AtomicField.SE_CATEGORY)).isEqualTo("shop");
        assertThat(event.get(AtomicField.SE_VALUE)).isEqualTo(new BigDecimal("2"));
        assertThat(event.getString(AtomicField.TI_NAME)).isEqualTo("Shoe");
        assertThat(event.getString(AtomicField.V_COLLECTOR)).isEqualTo("my-collector");
    }

    @Test
    void shouldIgnoreUnknownAndReservedParameters() {
        apply("foo", "bar", "ctype", "x", "ue_na", "y", "u", "https://a.com");

        assertThat(errors).isEmpty();
        assertThat(event).isEqualTo(new EnrichedEvent());
    }
}
