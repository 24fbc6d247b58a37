package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnricherConfigTest {

    @Test
    void shouldDefaultToTheStandardEnrichments() {
        EnricherConfig config = EnricherConfig.defaults();

        assertThat(config.etlVersion()).isEqualTo("signalbox-0.1.0");
        assertThat(config.maxPayloadBytes()).isEqualTo(1_048_576);
        assertThat(config.referrerParserEnabled()).isTrue();
        assertThat(config.yauaaEnabled()).isTrue();
        assertThat(config.ipAnonymisation().enabled()).isFalse();
        assertThat(config.fingerprint().algorithm()).isEqualTo("MD5");
        assertThat(config.fingerprint().excludedParameters()).containsExactlyInAnyOrder("eid", "nuid", "stm", "cv");
        assertThat(config.campaign().clickIds())
                .containsEntry("gclid", "Google")
                .containsEntry("msclkid", "Microsoft")
                .containsEntry("dclid", "DoubleClick");
        assertThat(config.iglu().remoteRepositories()).isEmpty();
    }

    @Test
    void shouldRefuseAVersionTheBadRowSchemasWouldReject() {
        assertThatThrownBy(() -> EnricherConfig.defaults().withProcessor("signalbox", "dev"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("processorVersion must look like 1.2.3 and be at most 32 characters, was 'dev'");
    }

    @Test
    void shouldRefuseOutOfRangeAnonymisation() {
        assertThatThrownBy(() -> EnricherConfig.IpAnonymisation.masking(5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ipv4Octets must be 1 to 4, was 5");
        assertThatThrownBy(() -> EnricherConfig.IpAnonymisation.masking(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ipv6Segments must be 1 to 8, was 0");
    }

    @Test
    void shouldRefuseAnUnknownFingerprintAlgorithm() {
        assertThatThrownBy(() -> new EnricherConfig.Fingerprint(true, "CRC32", Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 'CRC32'");
    }

    @Test
    void shouldRefuseANonHttpRemoteRepository() {
        assertThatThrownBy(
                        () -> EnricherConfig.Iglu.defaults().withRemoteRepositories(List.of(URI.create("file:///x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remote Iglu repositories must be http or https URLs, was 'file:///x'");
        assertThatThrownBy(() -> new EnricherConfig.Iglu(
                        List.of(), List.of(), 10, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Iglu cacheTtl must be positive, was PT0S");
    }

    @Test
    void shouldLowerCaseInternalDomains() {
        EnricherConfig config = EnricherConfig.defaults().withReferrerParser(true, List.of("Checkout.Shop.Example"));

        assertThat(config.internalReferrerDomains()).containsExactly("checkout.shop.example");
    }
}
