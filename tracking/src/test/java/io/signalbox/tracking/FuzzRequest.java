package io.signalbox.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes a fuzzer's bytes into the collector payload the collector would capture, from a readable text form so that
 * seed and regression inputs can be written and read by hand:
 *
 * <pre>
 * POST /com.snowplowanalytics.snowplow/tp2?aid=shop
 * Content-Type: application/json; charset=utf-8
 * User-Agent: Mozilla/5.0 ...
 *
 * {"schema":"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4","data":[...]}
 * </pre>
 *
 * <p>The first line is the method and the path with its query string; header lines follow up to an empty line, and
 * the rest is the body (kept for POST only). Besides real headers, {@code Nuid}, {@code Remote-Addr} and {@code
 * Received} (epoch milliseconds) set the payload's network user id, client address and receipt time. Paths map to
 * vendor and version as the collector's routes do.
 */
final class FuzzRequest {
    static final Instant DEFAULT_RECEIVED = Requests.RECEIVED;

    private FuzzRequest() {}

    static CollectorPayload decode(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\n\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        String body = headEnd < 0 ? null : text.substring(headEnd + 2);
        String[] lines = head.split("\n", -1);

        String[] requestLine = lines[0].split(" ", 2);
        boolean post = requestLine[0].equals("POST");
        String target = requestLine.length > 1 ? requestLine[1] : "/";
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }

        Fields fields = new Fields();
        for (int i = 1; i < lines.length; i++) {
            fields.add(lines[i]);
        }
        String[] segments = path.substring(1).split("/", 2);
        boolean pixel = segments.length < 2;
        return new CollectorPayload(
                pixel ? "com.snowplowanalytics.snowplow" : segments[0],
                pixel ? "tp1" : segments[1],
                path,
                query,
                post ? body : null,
                fields.contentType,
                "c.example.net",
                fields.remoteAddress,
                fields.received,
                fields.userAgent,
                fields.referer,
                fields.networkUserId,
                fields.headers,
                Requests.COLLECTOR);
    }

    /** What the header lines say. */
    private static final class Fields {
        final List<String> headers = new ArrayList<>();
        String contentType;
        String userAgent;
        String referer;
        String networkUserId = Requests.NETWORK_USER_ID;
        String remoteAddress = "198.51.100.7";
        Instant received = DEFAULT_RECEIVED;

        void add(String line) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "nuid" -> networkUserId = value.isEmpty() ? null : value;
                case "remote-addr" -> remoteAddress = value;
                case "received" -> received = receivedAt(value);
                default -> {
                    headers.add(line.substring(0, colon).strip() + ": " + value);
                    if (name.equals("content-type")) {
                        contentType = value.toLowerCase(Locale.ROOT);
                    } else if (name.equals("user-agent")) {
                        userAgent = value;
                    } else if (name.equals("referer")) {
                        referer = value;
                    }
                }
            }
        }

        private static Instant receivedAt(String millis) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(millis));
            } catch (NumberFormatException e) {
                return DEFAULT_RECEIVED;
            }
        }
    }
}
