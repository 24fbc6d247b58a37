package io.signalbox.scoring.predict;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.events.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads attributes through the Signals-compatible API over HTTP, as any client would: {@code /predict} goes through
 * the same door as the website and the SDKs, so what it scores is what they see. It keeps its connections to the API
 * open between requests; close it to release them.
 */
public final class AttributeClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ANSWER_BYTES = 4 << 20;

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
        this.http = new HttpClient();
        http.setConnectTimeout(TIMEOUT.toMillis());
        http.setName("attribute-client");
        // Answers complete on virtual threads, like the requests waiting for them: no hand-off to a platform pool.
        VirtualThreadPool executor = new VirtualThreadPool();
        executor.setName("attribute-client");
        http.setExecutor(executor);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client could not start: " + e.getMessage(), e);
        }
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
        Request post = http.newRequest(apiBase.get().resolve("/api/v1/get-online-attributes"))
                .method(HttpMethod.POST)
                .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + apiKey))
                .body(new StringRequestContent("application/json", Json.write(request), UTF_8));
        ContentResponse response;
        try {
            response = new CompletableResponseListener(post, MAX_ANSWER_BYTES)
                    .send()
                    .get();
        } catch (ExecutionException e) {
            throw new AttributeReadException("the attribute API could not be reached: " + e.getMessage(), e);
        }
        if (response.getStatus() != 200) {
            throw new AttributeReadException(
                    "the attribute API answered " + response.getStatus() + ": " + response.getContentAsString(), null);
        }
        JsonNode columns = Json.parse(response.getContentAsString());
        Map<String, Object> values = new LinkedHashMap<>();
        for (String attribute : attributes) {
            JsonNode column = columns.get(attribute);
            values.put(attribute, column == null || column.isEmpty() ? null : javaValue(column.get(0)));
        }
        return values;
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // stopping releases connections; nothing is left to do if it fails
        }
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
