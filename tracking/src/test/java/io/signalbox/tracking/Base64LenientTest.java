package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Base64LenientTest {
    private static final String CONTEXTS =
            "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0\",\"data\":[{\"schema\":"
                    + "\"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0\",\"data\":{\"id\":"
                    + "\"0edd614e-975d-4f3a-9cd9-af123ac35068\"}}]}";
    private static final String CONTEXTS_SENT = "eyJzY2hlbWEiOiJpZ2x1OmNvbS5zbm93cGxvd2FuYWx5dGljcy5zbm93cGxvdy9jb250ZX"
            + "h0cy9qc29uc2NoZW1hLzEtMC0wIiwiZGF0YSI6W3sic2NoZW1hIjoiaWdsdTpjb20uc25vd3Bsb3dhbmFseXRpY3Muc25vd3Bsb3cvd2"
            + "ViX3BhZ2UvanNvbnNjaGVtYS8xLTAtMCIsImRhdGEiOnsiaWQiOiIwZWRkNjE0ZS05NzVkLTRmM2EtOWNkOS1hZjEyM2FjMzUwNjgifX1d"
            + "fQ";
    private static final String EVENT =
            "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0\","
                    + "\"data\":{\"schema\":\"iglu:com.acme/test_event/jsonschema/1-0-0\",\"data\":{\"name\":\"café ✓\"}}}";
    private static final String EVENT_SENT = "eyJzY2hlbWEiOiJpZ2x1OmNvbS5zbm93cGxvd2FuYWx5dGljcy5zbm93cGxvdy91bnN0cnVj"
            + "dF9ldmVudC9qc29uc2NoZW1hLzEtMC0wIiwiZGF0YSI6eyJzY2hlbWEiOiJpZ2x1OmNvbS5hY21lL3Rlc3RfZXZlbnQvanNvbnNjaGVt"
            + "YS8xLTAtMCIsImRhdGEiOnsibmFtZSI6ImNhZsOpIOKckyJ9fX0";

    @Test
    void shouldDecodeUrlSafeUnpaddedTextAsTrackersSendIt() {
        assertThat(Base64Lenient.decodeToString("YQ")).isEqualTo("a");
        assertThat(Base64Lenient.decodeToString("Pj4-Pz8_")).isEqualTo(">>>???");
    }

    @Test
    void shouldDecodeTheStandardAlphabetWithPaddingWhenTheDocsExampleUsesIt() {
        assertThat(Base64Lenient.decodeToString("YQ==")).isEqualTo("a");
        assertThat(Base64Lenient.decodeToString("Pj4+Pz8/")).isEqualTo(">>>???");
    }

    @Test
    void shouldDecodeTheReferenceVectorsWhenTheyHoldJsonAndNonAsciiText() {
        assertThat(Base64Lenient.decodeToString(CONTEXTS_SENT)).isEqualTo(CONTEXTS);
        assertThat(Base64Lenient.decodeToString(EVENT_SENT)).isEqualTo(EVENT);
    }

    @Test
    void shouldEncodeTheReferenceVectorsUrlSafeWithoutPadding() {
        assertThat(Base64Lenient.encode("a")).isEqualTo("YQ");
        assertThat(Base64Lenient.encode(">>>???")).isEqualTo("Pj4-Pz8_");
        assertThat(Base64Lenient.encode(CONTEXTS)).isEqualTo(CONTEXTS_SENT);
        assertThat(Base64Lenient.encode(EVENT)).isEqualTo(EVENT_SENT);
    }

    @Test
    void shouldIgnoreCharactersOutsideTheAlphabetWhenDecoding() {
        assertThat(Base64Lenient.decodeToString("Y Q\n")).isEqualTo("a");
        assertThat(Base64Lenient.decodeToString("Pj4-\tPz8_!")).isEqualTo(">>>???");
    }

    @Test
    void shouldDropALoneTrailingCharacterWhenItCarriesNoFullByte() {
        assertThat(Base64Lenient.decodeToString("Y")).isEmpty();
        assertThat(Base64Lenient.decodeToString("YWJjZ")).isEqualTo("abc");
    }
}
