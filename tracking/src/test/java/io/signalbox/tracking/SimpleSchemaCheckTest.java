package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SimpleSchemaCheckTest {
    private static final JsonNode SCHEMA = Json.parse("{\"type\":\"object\",\"properties\":{"
            + "\"id\":{\"type\":\"string\",\"pattern\":\"^[a-f0-9]{4}$\"},"
            + "\"name\":{\"type\":[\"string\",\"null\"],\"maxLength\":5,\"minLength\":2},"
            + "\"count\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":10},"
            + "\"kind\":{\"enum\":[\"a\",\"b\"]},\"ok\":{\"type\":\"boolean\"},\"u\":{\"type\":\"string\",\"format\":\"uuid\"}},"
            + "\"required\":[\"id\"],\"additionalProperties\":false}");

    private final SimpleSchemaCheck check = SimpleSchemaCheck.compile(SCHEMA).orElseThrow();

    @Test
    void shouldVouchForValidData() {
        assertThat(check.passes(Json.parse("{\"id\":\"ab12\",\"name\":null,\"count\":3,\"kind\":\"a\",\"ok\":true,"
                        + "\"u\":\"0edd614e-975d-4f3a-9cd9-af123ac35068\"}")))
                .isTrue();
    }

    @Test
    void shouldDeferToTheValidatorWhenAnyRuleFails() {
        for (String data : List.of(
                "{}",
                "[]",
                "{\"id\":\"zz\"}",
                "{\"id\":\"ab12\",\"extra\":1}",
                "{\"id\":\"ab12\",\"name\":\"toolong\"}",
                "{\"id\":\"ab12\",\"name\":\"a\"}",
                "{\"id\":\"ab12\",\"count\":11}",
                "{\"id\":\"ab12\",\"count\":1.0}",
                "{\"id\":\"ab12\",\"kind\":\"c\"}",
                "{\"id\":\"ab12\",\"ok\":\"true\"}",
                "{\"id\":\"ab12\",\"u\":\"nope\"}")) {
            assertThat(check.passes(Json.parse(data))).as(data).isFalse();
        }
    }

    @Test
    void shouldNotCompileSchemasBeyondItsKeywords() {
        assertThat(SimpleSchemaCheck.compile(Json.parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":"
                        + "\"array\",\"items\":{\"type\":\"string\"}}}}")))
                .isEmpty();
        assertThat(SimpleSchemaCheck.compile(Json.parse("{\"type\":\"object\",\"oneOf\":[]}")))
                .isEmpty();
        assertThat(SimpleSchemaCheck.compile(Json.parse("{\"type\":\"object\",\"properties\":{\"t\":{\"type\":"
                        + "\"string\",\"format\":\"date-time\"}}}")))
                .isEmpty();
        assertThat(SimpleSchemaCheck.compile(Json.parse("{\"type\":\"array\"}")))
                .isEmpty();
    }
}
