package io.signalbox.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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

    /** A parse result or the reason it failed. */
    private record Outcome(Urls.Parts parts, String error) {}

    /** Parses a URL leniently, from the cache when it was seen recently. */
    Urls.Parts parse(String url) throws Urls.UnparsableUrlException {
        if (url.length() > MAX_CACHED_LENGTH) {
            return Urls.parse(url);
        }
        Outcome outcome = cache.get(url, UrlCache::outcome);
        if (outcome.parts() == null) {
            throw new Urls.UnparsableUrlException(outcome.error());
        }
        return outcome.parts();
    }

    private static Outcome outcome(String url) {
        try {
            return new Outcome(Urls.parse(url), null);
        } catch (Urls.UnparsableUrlException e) {
            return new Outcome(null, e.getMessage());
        }
    }
}
