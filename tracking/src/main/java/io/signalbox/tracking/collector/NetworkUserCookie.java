package io.signalbox.tracking.collector;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** Builds the {@code Set-Cookie} values of the network-user cookie. */
final class NetworkUserCookie {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final CookieConfig config;

    NetworkUserCookie(CookieConfig config) {
        this.config = config;
    }

    /** The cookie carrying the network user id, or {@code null} when cookies are off. */
    String set(String networkUserId, String originHeader, Instant now) {
        if (!config.enabled()) {
            return null;
        }
        return build(networkUserId, originHeader, now.plus(config.expiration()));
    }

    /** A cookie that makes the browser forget the network user id. */
    String expire(String originHeader) {
        return build("", originHeader, Instant.EPOCH);
    }

    private String build(String value, String originHeader, Instant expires) {
        StringBuilder cookie = new StringBuilder(160)
                .append(config.name())
                .append('=')
                .append(value)
                .append("; Expires=")
                .append(HTTP_DATE.format(expires))
                .append("; Path=/");
        String domain = domainFor(originHeader);
        if (domain != null) {
            cookie.append("; Domain=").append(domain);
        }
        cookie.append("; SameSite=").append(config.sameSite());
        if (config.secure()) {
            cookie.append("; Secure");
        }
        if (config.httpOnly()) {
            cookie.append("; HttpOnly");
        }
        return cookie.toString();
    }

    /** The first configured domain that an origin host equals or is a subdomain of, else the fallback. */
    String domainFor(String originHeader) {
        if (originHeader != null && !config.domains().isEmpty()) {
            for (String domain : config.domains()) {
                for (String origin : WHITESPACE.split(originHeader.trim())) {
                    String host = hostOf(origin);
                    if (host != null && (host.equals(domain) || host.endsWith("." + domain))) {
                        return domain;
                    }
                }
            }
        }
        return config.fallbackDomain();
    }

    private static String hostOf(String origin) {
        int scheme = origin.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        String rest = origin.substring(scheme + 3);
        int port = rest.indexOf(':');
        String host = port >= 0 ? rest.substring(0, port) : rest;
        int slash = host.indexOf('/');
        return (slash >= 0 ? host.substring(0, slash) : host).toLowerCase(Locale.ROOT);
    }
}
