package io.signalbox.tracking;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** Builds collector payloads the way the collector would for a given HTTP request. */
final class Requests {
    static final Instant RECEIVED = Instant.parse("2024-03-01T09:15:03Z");
    static final Instant NOW = Instant.parse("2024-03-01T09:15:05Z");
    static final InstantSource CLOCK = InstantSource.fixed(NOW);
    static final String COLLECTOR = "ssc-3.4.0-kafkasink";
    static final String NETWORK_USER_ID = "ecdff4d0-9175-40ac-a8bb-325c49733607";
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0";
    static final String POST_PATH = "/com.snowplowanalytics.snowplow/tp2";
    static final String JSON = "application/json; charset=utf-8";

    private Requests() {}

    /** A browser-like POST of a body to the tracker-protocol path. */
    static CollectorPayload post(String body) {
        return request("POST", POST_PATH, null, JSON, body, List.of());
    }

    /** A GET with a raw query string. */
    static CollectorPayload get(String path, String query) {
        return request("GET", path, query, null, null, List.of());
    }

    /**
     * A request as the collector records it: path mapped to vendor and version, headers as {@code Name: value},
     * the usual user agent, referer and cookie.
     */
    static CollectorPayload request(
            String method, String path, String query, String contentType, String body, List<String> headers) {
        String[] route = route(path);
        List<String> allHeaders = new ArrayList<>();
        allHeaders.add("Host: c.example.net");
        allHeaders.add("User-Agent: " + USER_AGENT);
        allHeaders.addAll(headers);
        if (contentType != null) {
            allHeaders.add(contentType);
        }
        return new CollectorPayload(
                route[0],
                route[1],
                path,
                query,
                "POST".equals(method) ? body : null,
                contentType,
                "c.example.net",
                "198.51.100.7",
                RECEIVED,
                USER_AGENT,
                "https://www.shop.example/products?id=7",
                NETWORK_USER_ID,
                allHeaders,
                COLLECTOR);
    }

    private static String[] route(String path) {
        if (path.equals("/i") || path.equals("/ice.png")) {
            return new String[] {"com.snowplowanalytics.snowplow", "tp1"};
        }
        String[] segments = path.substring(1).split("/", -1);
        if (segments.length != 2) {
            return new String[] {path.substring(1), "unknown"};
        }
        return segments;
    }

    /** An enricher with the fixed clock and YAUAA off. */
    static Enricher enricher() {
        return new Enricher(EnricherConfig.defaults().withYauaa(false), CLOCK);
    }
}
