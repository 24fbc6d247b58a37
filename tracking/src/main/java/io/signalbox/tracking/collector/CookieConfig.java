package io.signalbox.tracking.collector;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The network-user cookie the collector sets on tracking responses.
 *
 * @param enabled whether the cookie is set at all
 * @param name the cookie name, {@code sp} by default
 * @param domains candidate cookie domains (without a leading dot); the first one that the request's {@code Origin}
 *     host equals or is a subdomain of is used
 * @param fallbackDomain the domain when none of {@code domains} matches, or {@code null} for a host-only cookie
 * @param expiration how long the cookie lives
 * @param sameSite {@code None}, {@code Lax} or {@code Strict}
 * @param secure whether the cookie carries {@code Secure}
 * @param httpOnly whether the cookie carries {@code HttpOnly}
 */
public record CookieConfig(
        boolean enabled,
        String name,
        List<String> domains,
        String fallbackDomain,
        Duration expiration,
        String sameSite,
        boolean secure,
        boolean httpOnly) {

    public CookieConfig {
        Objects.requireNonNull(name, "name");
        domains = domains == null ? List.of() : List.copyOf(domains);
        Objects.requireNonNull(expiration, "expiration");
        if (!List.of("None", "Lax", "Strict").contains(sameSite)) {
            throw new IllegalArgumentException("cookie sameSite must be None, Lax or Strict, was " + sameSite);
        }
        if (!name.matches("[A-Za-z0-9_\\-.]{1,64}")) {
            throw new IllegalArgumentException("cookie name must be a plain token, was '" + name + "'");
        }
    }

    /** The collector's defaults: {@code sp}, one year, host-only, {@code SameSite=None; Secure; HttpOnly}. */
    public static CookieConfig defaults() {
        return new CookieConfig(true, "sp", List.of(), null, Duration.ofDays(365), "None", true, true);
    }
}
