package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadCollectorAndEnrichmentSettings() throws Exception {
        Path file = dir.resolve("signalbox.yaml");
        Files.writeString(file, """
                collector:
                  cookie: {name: acme_nuid, domains: [acme.io], expiration: P30D, same_site: Lax, secure: false}
                  path_aliases: {/com.acme/track: /com.snowplowanalytics.snowplow/tp2}
                enrichment:
                  internal_domains: [docs.acme.io]
                  ip_anonymisation: {ipv4_octets: 2, ipv6_segments: 3}
                  fingerprint: false
                  click_ids: {gbraid: Google}
                """);

        ConfigFile config = ConfigFile.read(file, "signalbox-test");

        assertThat(config.collector().cookie().name()).isEqualTo("acme_nuid");
        assertThat(config.collector().cookie().domains()).containsExactly("acme.io");
        assertThat(config.collector().cookie().expiration()).isEqualTo(Duration.ofDays(30));
        assertThat(config.collector().cookie().sameSite()).isEqualTo("Lax");
        assertThat(config.collector().cookie().secure()).isFalse();
        assertThat(config.collector().cookie().httpOnly()).isTrue();
        assertThat(config.collector().pathAliases())
                .containsEntry("/com.acme/track", "/com.snowplowanalytics.snowplow/tp2");
        assertThat(config.enrichment().ipAnonymisation().ipv4Octets()).isEqualTo(2);
        assertThat(config.enrichment().fingerprint().enabled()).isFalse();
        assertThat(config.enrichment().campaign().clickIds()).containsEntry("gbraid", "Google");
    }

    @Test
    void shouldNameTheKeyAndValueOfABadSetting() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "collector:\n  cookie: {same_site: Sometimes}\n");
        assertThatThrownBy(() -> ConfigFile.read(file, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("Sometimes");

        Files.writeString(file, "collector:\n  cookies: {}\n");
        assertThatThrownBy(() -> ConfigFile.read(file, "x")).hasMessageContaining("unknown key 'collector.cookies'");

        Files.writeString(file, "collector:\n  drop_payload_bytes: -4\n");
        assertThatThrownBy(() -> ConfigFile.read(file, "x"))
                .hasMessageContaining("collector.drop_payload_bytes must be a positive whole number, was -4");

        Files.writeString(file, "collector:\n  path_aliases: {/a/b: /elsewhere}\n");
        assertThatThrownBy(() -> ConfigFile.read(file, "x")).hasMessageContaining("/a/b");

        Files.writeString(file, "{not yaml: [");
        assertThatThrownBy(() -> ConfigFile.read(file, "x")).hasMessageContaining("cannot read it");
    }

    @Test
    void shouldReadTheOverloadBoundsAndDefaultThem() throws Exception {
        Path file = dir.resolve("bounds.yaml");
        Files.writeString(file, """
                collector: {max_in_flight_bytes: 131072}
                event_log: {max_pending_bytes: 65536, min_free_disk_bytes: 0}
                """);

        ConfigFile config = ConfigFile.read(file, "x");
        ConfigFile defaults = ConfigFile.defaults("x");

        assertThat(config.collector().maxInFlightBytes()).isEqualTo(131_072);
        assertThat(config.maxPendingLogBytes()).isEqualTo(65_536);
        assertThat(config.minFreeDiskBytes()).isZero();
        assertThat(defaults.collector().maxInFlightBytes()).isEqualTo(32L << 20);
        assertThat(defaults.minFreeDiskBytes()).isEqualTo(256L << 20);
    }

    @Test
    void shouldReadTheInspectionCapacityAndBoundIt() throws Exception {
        Path file = dir.resolve("inspection.yaml");
        Files.writeString(file, "inspection: {capacity: 250}\n");

        assertThat(ConfigFile.read(file, "x").inspectionCapacity()).isEqualTo(250);
        assertThat(ConfigFile.defaults("x").inspectionCapacity()).isEqualTo(1_000);

        Files.writeString(file, "inspection: {capacity: 100001}\n");
        assertThatThrownBy(() -> ConfigFile.read(file, "x"))
                .hasMessage(file + ": inspection.capacity must be at most 100000, was 100001");
        Files.writeString(file, "inspection: {capacity: 0}\n");
        assertThatThrownBy(() -> ConfigFile.read(file, "x"))
                .hasMessage(file + ": inspection.capacity must be a positive whole number, was 0");
    }

    @Test
    void shouldRefuseANegativeDiskReserveNamingKeyAndValue() throws Exception {
        Path file = dir.resolve("reserve.yaml");
        Files.writeString(file, "event_log: {min_free_disk_bytes: -1}\n");

        assertThatThrownBy(() -> ConfigFile.read(file, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": event_log.min_free_disk_bytes must be a whole number of 0 or more, was -1");
    }
}
