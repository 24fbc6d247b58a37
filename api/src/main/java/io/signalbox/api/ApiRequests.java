package io.signalbox.api;

import io.javalin.http.Context;
import io.signalbox.events.Json;
import io.signalbox.tracking.http.RequestBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads request bodies of the API: bounded in size, JSON, and refused with a clear 4xx when they are not. */
public final class ApiRequests {
    /** The largest API request body, in bytes; definitions are the largest bodies and stay far below it. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private ApiRequests() {}

    /**
     * The body as a JSON tree.
     *
     * @throws ApiException 413 when the body is over {@link #MAX_BODY_BYTES}, 400 when it is not JSON
     */
    public static JsonNode jsonBody(Context ctx) {
        String text = textBody(ctx);
        if (text.isBlank()) {
            throw ApiException.badRequest("the request body is empty; a JSON object is expected");
        }
        try {
            return Json.parse(text);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A JSON body that must be an object. */
    public static JsonNode jsonObject(Context ctx) {
        JsonNode body = jsonBody(ctx);
        if (!body.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object, was " + body.getNodeType());
        }
        return body;
    }

    /** The body as UTF-8 text, read up to the limit. */
    public static String textBody(Context ctx) {
        byte[] bytes;
        try {
            bytes = RequestBodies.readUpTo(ctx, MAX_BODY_BYTES);
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        }
        if (bytes == null) {
            throw tooLarge();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "the request body is larger than the limit of " + MAX_BODY_BYTES + " bytes");
    }
}
