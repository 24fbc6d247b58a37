package io.signalbox.scoring.predict;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.events.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads attributes through the Signals-compatible API over HTTP, as any client would: {@code /predict} goes through
 * the same door as the website and the SDKs, so what it scores is what they see.
 */
public final class AttributeClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<URI> apiBase;
    private final String apiKey;
    private final HttpClient http;

    /**
     * @param apiBase the API's base URL, such as {@code http://127.0.0.1:8080}
     * @param apiKey a key the API accepts
     */
    public AttributeClient(URI apiBase, String apiKey) {
        this(() -> apiBase, apiKey);
    }

    /**
     * A client of an API whose address is known only once it listens (a server on a free port calling itself).
     *
     * @param apiBase gives the API's base URL when the first request is sent
     */
    public AttributeClient(Supplier<URI> apiBase, String apiKey) {
        this.apiBase = apiBase;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /** A failed read, with what the API said. */
    public static final class AttributeReadException extends Exception {
        AttributeReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The current values of a group's attributes for one identifier of one attribute key.
     *
     * @return values by bare attribute name; null where the API has none
     */
    public Map<String, Object> read(String groupFullName, List<String> attributes, String keyName, String id)
            throws AttributeReadException, InterruptedException {
        ObjectNode request = Json.NODES.objectNode();
        ArrayNode names = request.putArray("attributes");
        attributes.forEach(attribute -> names.add(groupFullName + ":" + attribute));
        request.putObject("attribute_keys").putArray(keyName).add(id);
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(apiBase.get().resolve("/api/v1/get-online-attributes"))
                            .timeout(TIMEOUT)
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + apiKey)
                            .POST(HttpRequest.BodyPublishers.ofString(Json.write(request), UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AttributeReadException("the attribute API could not be reached: " + e.getMessage(), e);
        }
        if (response.statusCode() != 200) {
            throw new AttributeReadException(
                    "the attribute API answered " + response.statusCode() + ": " + response.body(), null);
        }
        JsonNode columns = Json.parse(response.body());
        Map<String, Object> values = new LinkedHashMap<>();
        for (String attribute : attributes) {
            JsonNode column = columns.get(attribute);
            values.put(attribute, column == null || column.isEmpty() ? null : javaValue(column.get(0)));
        }
        return values;
    }

    /** A JSON value as the engine's Java values: Long, Double, String, Boolean, List, Map or null. */
    static Object javaValue(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(javaValue(item)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.properties().forEach(entry -> map.put(entry.getKey(), javaValue(entry.getValue())));
        return map;
    }
}
