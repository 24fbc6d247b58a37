package io.signalbox.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;

/**
 * Remembers recent URL decompositions: a batch usually repeats one page URL and one referrer for every event, and
 * {@link java.net.URI} parsing is among the costlier steps. Only URLs up to {@value #MAX_CACHED_LENGTH} characters
 * are kept, so the cache stays a few megabytes at most.
 */
final class UrlCache {
    static final int MAX_CACHED_LENGTH = 1024;

    private final Cache<String, Outcome> cache;

    UrlCache(int size) {
        this.cache = Caffeine.newBuilder().maximumSize(size).build();
    }

    /**
     * A decomposed URL with its decoded query parameters.
     *
     * @param parts the components
     * @param query the decoded query parameters in order
     */
    record Parsed(Urls.Parts parts, List<QueryString.Pair> query) {}

    /** A parse result or the reason it failed. */
    private record Outcome(Parsed parsed, String error) {}

    /** Parses a URL leniently, from the cache when it was seen recently. */
    Parsed parse(String url) throws Urls.UnparsableUrlException {
        Outcome outcome = url.length() > MAX_CACHED_LENGTH ? outcome(url) : cache.get(url, UrlCache::outcome);
        if (outcome.parsed() == null) {
            throw new Urls.UnparsableUrlException(outcome.error());
        }
        return outcome.parsed();
    }

    private static Outcome outcome(String url) {
        try {
            Urls.Parts parts = Urls.parse(url);
            return new Outcome(new Parsed(parts, List.copyOf(QueryString.pairs(parts.query()))), null);
        } catch (Urls.UnparsableUrlException e) {
            return new Outcome(null, e.getMessage());
        }
    }
}
