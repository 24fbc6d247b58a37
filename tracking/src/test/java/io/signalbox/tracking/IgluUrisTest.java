package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.SchemaKey;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IgluUrisTest {
    private static final List<String> SAMPLES = List.of(
            "iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0",
            "iglu:com.acme-corp/ViewedProduct/jsonschema/2-10-123",
            "iglu:com.acme/x/jsonschema/1",
            "iglu:com.acme/x/jsonschema/1-0",
            "iglu:com.acme/x/jsonschema/0-0-0",
            "iglu:com.acme/x/jsonschema/1-0-0-0",
            "iglu:com.acme/x.y/jsonschema/1-0-0",
            "iglu:com.acme/x/jsonschema/1-0-1234567",
            "iglu:/x/jsonschema/1-0-0",
            "iglu:com.acme//jsonschema/1-0-0",
            "iglu:com.acme/x/jsonschema/1--0",
            "iglu:com.acme/x/jsonschema/-1-0",
            "iglu:com.acme/x/jsonschema/1-0-0/",
            "iglu:../x/thrift/1-0-0",
            "igl:com.acme/x/jsonschema/1-0-0",
            "iglu:com.acme/x/jsonschema/1-0-0 ",
            "iglu:com acme/x/jsonschema/1-0-0",
            "");

    @Test
    void shouldAgreeWithSchemaKeyParseOnSamples() {
        for (String uri : SAMPLES) {
            assertThat(IgluUris.parse(uri)).as(uri).isEqualTo(reference(uri));
        }
    }

    @Test
    void shouldAgreeWithSchemaKeyParseOnMutations() {
        Random random = new Random(7);
        String alphabet = "iglu:/-._aZ09 #é";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder uri = new StringBuilder(SAMPLES.get(random.nextInt(3)));
            for (int edit = 0; edit < 1 + random.nextInt(3); edit++) {
                int at = random.nextInt(uri.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                if (random.nextBoolean()) {
                    uri.setCharAt(at, c);
                } else {
                    uri.insert(at, c);
                }
            }
            assertThat(IgluUris.parse(uri.toString())).as(uri.toString()).isEqualTo(reference(uri.toString()));
        }
    }

    private static SchemaKey reference(String uri) {
        try {
            return SchemaKey.parse(uri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
