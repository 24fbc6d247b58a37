package io.signalbox.scoring.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.events.Json;
import java.net.URLEncoder;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event as a browser's JavaScript tracker would send it: tracker-protocol parameters, the browser's user agent
 * and address, and the instant it happened.
 *
 * @param at when the event happened (its {@code dtm})
 * @param prospect the index of the simulated prospect
 * @param userAgent the browser's {@code User-Agent}
 * @param ipAddress the browser's address
 * @param networkUserId the collector's {@code sp} cookie value for this browser
 * @param parameters the tracker-protocol parameters, such as {@code e}, {@code url}, {@code duid}
 */
public record TrackerRequest(
        Instant at,
        int prospect,
        String userAgent,
        String ipAddress,
        String networkUserId,
        Map<String, String> parameters) {
    public TrackerRequest {
        parameters = Map.copyOf(parameters);
    }

    /** The event name it will have once enriched: {@code page_view}, {@code page_ping} or the schema's name. */
    public String eventName() {
        return parameters.getOrDefault("sb_event_name", "");
    }

    /** The parameters as the query string of {@code GET /i}. */
    public String queryString() {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> {
            if (!name.startsWith("sb_")) {
                query.add(URLEncoder.encode(name, UTF_8) + "=" + URLEncoder.encode(value, UTF_8));
            }
        });
        return query.toString();
    }

    /** The parameters as one item of a {@code payload_data} POST body. */
    public ObjectNode payloadItem() {
        ObjectNode item = Json.NODES.objectNode();
        parameters.forEach((name, value) -> {
            if (!name.startsWith("sb_")) {
                item.put(name, value);
            }
        });
        return item;
    }
}
