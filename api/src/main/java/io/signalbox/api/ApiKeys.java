package io.signalbox.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The bearer keys the API accepts. Signals SDKs in sandbox mode send their token as {@code Authorization: Bearer
 * <token>}; configure the same string here and they work unchanged. Keys are compared in constant time.
 */
public final class ApiKeys {
    private final List<byte[]> keys;

    public ApiKeys(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one API key is needed");
        }
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Whether the request carries an accepted key. */
    public boolean accepts(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] offered = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (byte[] key : keys) {
            found |= MessageDigest.isEqual(key, offered);
        }
        return found;
    }

    /**
     * Refuses the request unless it carries an accepted key.
     *
     * @throws ApiException 401 with a {@code WWW-Authenticate} challenge
     */
    public void require(Context ctx) {
        if (!accepts(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "a valid API key is required: send 'Authorization: Bearer <key>'");
        }
    }
}
