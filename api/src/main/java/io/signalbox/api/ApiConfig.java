package io.signalbox.api;

import java.util.List;

/**
 * Settings of the Signals-compatible API.
 *
 * @param corsOrigins origins whose browser pages may call the authenticated routes ({@code *} for any); the
 *     intervention stream is open to every origin regardless
 */
public record ApiConfig(List<String> corsOrigins) {
    public ApiConfig {
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** No cross-origin calls to the authenticated routes. */
    public static ApiConfig defaults() {
        return new ApiConfig(List.of());
    }
}
