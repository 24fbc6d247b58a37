package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFingerprintTest {

    private static Map<String, String> parameters(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void shouldHashTheSortedParametersJoinedByTheUnitSeparator() throws Exception {
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("MD5")
                        .digest("aid\u001fshop\u001fe\u001fpv\u001fp\u001fweb".getBytes(StandardCharsets.UTF_8)));

        String fingerprint = new EventFingerprint(EnricherConfig.Fingerprint.defaults())
                .of(parameters("p", "web", "e", "pv", "eid", "x", "stm", "1", "aid", "shop", "refr", ""));

        assertThat(fingerprint).isEqualTo(expected);
    }

    @Test
    void shouldIgnoreTheExcludedParametersAndTheParameterOrder() {
        EventFingerprint fingerprint = new EventFingerprint(EnricherConfig.Fingerprint.defaults());

        assertThat(fingerprint.of(parameters("e", "pv", "eid", "1", "nuid", "a", "stm", "5", "cv", "c")))
                .isEqualTo(fingerprint.of(parameters("eid", "2", "e", "pv", "stm", "6")));
    }

    @Test
    void shouldDifferWhenAValueDiffers() {
        EventFingerprint fingerprint = new EventFingerprint(EnricherConfig.Fingerprint.defaults());

        assertThat(fingerprint.of(parameters("e", "pv"))).isNotEqualTo(fingerprint.of(parameters("e", "pp")));
    }

    @Test
    void shouldSortUnknownNamesLikeKnownOnes() throws Exception {
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("MD5")
                        .digest("aid\u001fshop\u001fcustom\u001fx\u001fe\u001fpv".getBytes(StandardCharsets.UTF_8)));

        String fingerprint = new EventFingerprint(EnricherConfig.Fingerprint.defaults())
                .of(parameters("e", "pv", "custom", "x", "aid", "shop"));

        assertThat(fingerprint).isEqualTo(expected);
    }

    @Test
    void shouldLeaveOutExcludedNamesWhetherTheProtocolKnowsThemOrNot() {
        EventFingerprint fingerprint =
                new EventFingerprint(new EnricherConfig.Fingerprint(true, "MD5", Set.of("custom", "aid")));

        assertThat(fingerprint.of(parameters("e", "pv", "custom", "x", "aid", "shop")))
                .isEqualTo(fingerprint.of(parameters("e", "pv")));
        assertThat(fingerprint.of(parameters("e", "pv", "other", "y", "aid", "shop")))
                .isEqualTo(fingerprint.of(parameters("other", "y", "e", "pv")));
    }

    @Test
    void shouldUseTheConfiguredAlgorithm() {
        EventFingerprint sha256 = new EventFingerprint(new EnricherConfig.Fingerprint(true, "SHA256", Set.of()));

        assertThat(sha256.of(parameters("e", "pv"))).hasSize(64).matches("[0-9a-f]+");
    }
}
