package io.signalbox.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's own view of its request latency, read from its {@code /metrics} histograms, to set beside what the load
 * generator measured: the part of a client's latency the server saw, and how much of that was waiting before the
 * handler ran.
 */
final class ServerLatency {
    private static final Pattern BUCKET = Pattern.compile("le=\"([^\"]+)\"} (\\S+)$");

    private ServerLatency() {}

    /**
     * The p50 and p99 bounds of a route's 200 answers, of the waits before handlers and of the collector's two steps,
     * as one line.
     */
    static String describe(int port, String method, String route) throws IOException, InterruptedException {
        String scraped = scrape(port);
        String requests =
                "http_server_requests_seconds_bucket{method=\"" + method + "\",route=\"" + route + "\",status=\"200\",";
        return String.format(
                Locale.ROOT,
                "from first bytes to answer %s; waiting before the handler %s; enriching %s; storing %s",
                bounds(buckets(scraped, requests)),
                bounds(buckets(scraped, "signalbox_http_request_wait_seconds_bucket{")),
                bounds(buckets(scraped, "signalbox_collector_enrichment_seconds_bucket{")),
                bounds(buckets(scraped, "signalbox_collector_store_seconds_bucket{")));
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    /** Cumulative counts by upper bound in seconds ({@code +Inf} last) of the series starting with {@code prefix}. */
    private static TreeMap<Double, Double> buckets(String scraped, String prefix) {
        TreeMap<Double, Double> counts = new TreeMap<>();
        scraped.lines().filter(line -> line.startsWith(prefix)).forEach(line -> {
            Matcher bucket = BUCKET.matcher(line.substring(prefix.length()));
            if (bucket.find()) {
                double bound =
                        bucket.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(1));
                counts.put(bound, Double.parseDouble(bucket.group(2)));
            }
        });
        return counts;
    }

    private static String bounds(TreeMap<Double, Double> counts) {
        if (counts.isEmpty() || counts.lastEntry().getValue() == 0) {
            return "(none)";
        }
        double total = counts.lastEntry().getValue();
        return String.format(
                Locale.ROOT,
                "p50 ≤ %s, p99 ≤ %s over %,d requests",
                bound(counts, total * 0.5),
                bound(counts, total * 0.99),
                (long) total);
    }

    /** The smallest bucket bound holding at least {@code count} requests. */
    private static String bound(TreeMap<Double, Double> counts, double count) {
        for (Map.Entry<Double, Double> bucket : counts.entrySet()) {
            if (bucket.getValue() >= count) {
                double seconds = bucket.getKey();
                return Double.isInfinite(seconds) ? "∞" : String.format(Locale.ROOT, "%s ms", seconds * 1000);
            }
        }
        return "∞";
    }
}
