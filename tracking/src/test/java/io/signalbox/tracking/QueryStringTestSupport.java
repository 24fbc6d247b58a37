package io.signalbox.tracking;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encodes query-string values as browsers do with {@code encodeURIComponent}. */
final class QueryStringTestSupport {
    private QueryStringTestSupport() {}

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
