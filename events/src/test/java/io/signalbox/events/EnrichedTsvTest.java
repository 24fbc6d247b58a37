package io.signalbox.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrichedTsvTest {

    static EnrichedEvent sample() {
        EnrichedEvent event = new EnrichedEvent()
                .set(AtomicField.APP_ID, "shop")
                .set(AtomicField.PLATFORM, "web")
                .set(AtomicField.COLLECTOR_TSTAMP, Instant.parse("2024-03-01T09:15:03Z"))
                .set(AtomicField.DERIVED_TSTAMP, Instant.parse("2024-03-01T09:15:01.500Z"))
                .set(AtomicField.EVENT, "page_view")
                .set(AtomicField.EVENT_ID, "2ec13853-ef9e-414a-8976-e64a4693b134")
                .set(AtomicField.DOMAIN_SESSIONIDX, 3)
                .set(AtomicField.SE_VALUE, new BigDecimal("10.0"))
                .set(AtomicField.GEO_LATITUDE, 51.5)
                .set(AtomicField.BR_COOKIES, true)
                .set(AtomicField.V_COLLECTOR, "signalbox")
                .set(AtomicField.V_ETL, "signalbox");
        event.setContexts(List.of(new SelfDescribingData(
                SchemaKey.parse("iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0"),
                Json.parse("{\"id\":\"0edd614e-975d-4f3a-9cd9-af123ac35068\"}"))));
        return event;
    }

    @Test
    void shouldWrite131ColumnsWithCanonicalValueForms() {
        String line = EnrichedTsv.format(sample());
        String[] columns = line.split("\t", -1);

        assertThat(columns).hasSize(131);
        assertThat(columns[AtomicField.COLLECTOR_TSTAMP.ordinal()]).isEqualTo("2024-03-01 09:15:03.000");
        assertThat(columns[AtomicField.DOMAIN_SESSIONIDX.ordinal()]).isEqualTo("3");
        assertThat(columns[AtomicField.SE_VALUE.ordinal()]).isEqualTo("10.0");
        assertThat(columns[AtomicField.BR_COOKIES.ordinal()]).isEqualTo("1");
        assertThat(columns[AtomicField.CONTEXTS.ordinal()])
                .isEqualTo("{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1\",\"data\":"
                        + "[{\"schema\":\"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0\","
                        + "\"data\":{\"id\":\"0edd614e-975d-4f3a-9cd9-af123ac35068\"}}]}");
        assertThat(columns[AtomicField.TRUE_TSTAMP.ordinal()]).isEmpty();
    }

    @Test
    void shouldReadBackWhatItWrote() {
        EnrichedEvent original = sample();
        EnrichedEvent read = EnrichedTsv.parse(EnrichedTsv.format(original));

        assertThat(read).isEqualTo(original);
        assertThat(read.contexts()).hasSize(1);
        assertThat(read.contexts().getFirst().schema().name()).isEqualTo("web_page");
    }

    @Test
    void shouldReadLazilyWhatItReadsEagerly() {
        String line = EnrichedTsv.format(sample());
        EnrichedEvent lazy = EnrichedTsv.parseLazy(line);

        assertThat(lazy.derivedTstamp()).isEqualTo(Instant.parse("2024-03-01T09:15:01.500Z"));
        assertThat(lazy.contexts()).hasSize(1);
        assertThat(lazy).isEqualTo(EnrichedTsv.parse(line));
        assertThat(EnrichedTsv.format(lazy)).isEqualTo(line);
    }

    @Test
    void shouldReportAMalformedColumnOfALazyEventWhenItIsRead() {
        String[] columns = EnrichedTsv.format(sample()).split("\t", -1);
        columns[AtomicField.DOMAIN_SESSIONIDX.ordinal()] = "three";
        EnrichedEvent lazy = EnrichedTsv.parseLazy(String.join("\t", columns));

        assertThat(lazy.appId()).isEqualTo("shop");
        assertThatThrownBy(() -> lazy.get(AtomicField.DOMAIN_SESSIONIDX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("domain_sessionidx");
        assertThatThrownBy(() -> EnrichedTsv.parseLazy("a\tb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("this one has 2");
    }

    @Test
    void shouldRejectLinesWithTheWrongColumnCount() {
        assertThatThrownBy(() -> EnrichedTsv.parse("a\tb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("this one has 2");
        assertThatThrownBy(() -> EnrichedTsv.parse("\t".repeat(131)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more");
    }

    @Test
    void shouldNameTheColumnOfAMalformedValue() {
        String[] columns = EnrichedTsv.format(sample()).split("\t", -1);
        columns[AtomicField.DOMAIN_SESSIONIDX.ordinal()] = "three";

        assertThatThrownBy(() -> EnrichedTsv.parse(String.join("\t", columns)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("domain_sessionidx")
                .hasMessageContaining("three");
    }

    @Test
    void shouldSanitiseFreeText() {
        assertThat(EnrichedTsv.sanitise("a\tb\r\nc")).isEqualTo("a    bc");
        assertThat(EnrichedTsv.sanitise("\n")).isNull();
        assertThat(EnrichedTsv.sanitise("café ✓")).isEqualTo("café ✓");
    }

    @Test
    void shouldRefuseValuesOfTheWrongType() {
        assertThatThrownBy(() -> new EnrichedEvent().set(AtomicField.DOMAIN_SESSIONIDX, "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("domain_sessionidx");
    }
}
