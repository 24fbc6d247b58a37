package io.signalbox.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One HTTP request as the collector received it, before any parsing of its events: the fields of Snowplow's
 * {@code CollectorPayload} record.
 *
 * @param vendor the first path segment, such as {@code com.snowplowanalytics.snowplow}; {@code
 *     com.snowplowanalytics.snowplow} for {@code /i}
 * @param version the second path segment, such as {@code tp2}; {@code tp1} for {@code /i}
 * @param path the canonical request path (after alias resolution)
 * @param querystring the raw query string, or {@code null}
 * @param body the raw body as UTF-8 text, or {@code null} (GET)
 * @param contentType the lower-cased {@code Content-Type}, or {@code null}
 * @param hostname the host the request was addressed to
 * @param ipAddress the socket address of the client, or {@code unknown} for anonymous requests (the enricher
 *     prefers a forwarding header, see {@code headers})
 * @param timestamp receipt time, which becomes {@code collector_tstamp}
 * @param userAgent the {@code User-Agent} header, or {@code null}
 * @param refererUri the {@code Referer} header, or {@code null}
 * @param networkUserId the resolved network user id (see the {@code sp} cookie rules)
 * @param headers the request headers as {@code Name: value} strings
 * @param collector the collector's name and version, which becomes {@code v_collector}
 */
public record CollectorPayload(
        String vendor,
        String version,
        String path,
        String querystring,
        String body,
        String contentType,
        String hostname,
        String ipAddress,
        Instant timestamp,
        String userAgent,
        String refererUri,
        String networkUserId,
        List<String> headers,
        String collector) {

    public CollectorPayload {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(collector, "collector");
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** The size of this payload as the size limits count it: body, query string and headers, in UTF-8 bytes. */
    public long sizeInBytes() {
        long size = utf8Length(body) + utf8Length(querystring);
        for (String header : headers) {
            size += utf8Length(header);
        }
        return size;
    }

    private static long utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
