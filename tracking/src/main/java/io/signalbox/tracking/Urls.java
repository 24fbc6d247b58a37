package io.signalbox.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Lenient URL decomposition for {@code page_url*} and {@code refr_url*}.
 *
 * <p>Spaces become {@code %20}; when strict {@link URI} parsing still fails, characters a URI cannot hold raw
 * (invalid percent signs, {@code |}, braces, quotes, non-ASCII…) are percent-encoded and parsing is tried again.
 * Host names with underscores, which {@link URI} refuses as server names, are read by hand. A URL that fails all of
 * this, or has a port that is not a number, is unparsable.
 */
final class Urls {
    private static final String HEX = "0123456789ABCDEF";

    private Urls() {}

    /**
     * The parts of a URL. Components are raw (still percent-encoded); empty ones are {@code null}.
     *
     * @param normalised the re-serialised URI
     * @param scheme the scheme as written
     * @param host the host, or {@code null}
     * @param port the explicit port, else 443 for https and 80 for any other scheme; {@code null} without a host
     * @param path the raw path, or {@code null}
     * @param query the raw query, or {@code null}
     * @param fragment the raw fragment, or {@code null}
     */
    record Parts(
            String normalised, String scheme, String host, Integer port, String path, String query, String fragment) {}

    /** Thrown when a URL cannot be parsed even leniently; the message says why. */
    static final class UnparsableUrlException extends Exception {
        UnparsableUrlException(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses a URL leniently. */
    static Parts parse(String raw) throws UnparsableUrlException {
        URI uri = toUri(raw.indexOf(' ') >= 0 ? raw.replace(" ", "%20") : raw);
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null && uri.getRawAuthority() != null) {
            Authority authority = Authority.parse(uri.getRawAuthority());
            host = authority.host();
            port = authority.port();
        }
        Integer effectivePort = host == null ? null : port >= 0 ? port : defaultPort(uri.getScheme());
        return new Parts(
                uri.toString(),
                uri.getScheme(),
                emptyToNull(host),
                effectivePort,
                emptyToNull(uri.getRawPath()),
                emptyToNull(uri.getRawQuery()),
                emptyToNull(uri.getRawFragment()));
    }

    private static URI toUri(String text) throws UnparsableUrlException {
        try {
            return new URI(text);
        } catch (URISyntaxException strict) {
            try {
                return new URI(escapeInvalid(text));
            } catch (URISyntaxException lenient) {
                throw new UnparsableUrlException(lenient.getMessage());
            }
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** Percent-encodes what a URI cannot hold raw, keeping valid escapes and the first {@code #}. */
    static String escapeInvalid(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean inFragment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.append(c);
            } else if (c == '#' && !inFragment) {
                inFragment = true;
                out.append(c);
            } else if (c < 0x80 && c > 0x20 && c != 0x7f && "\"<>\\^`{|}%#".indexOf(c) < 0) {
                out.append(c);
            } else {
                appendEscaped(out, text, i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    i++;
                }
            }
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, String text, int at) {
        int end = Character.isHighSurrogate(text.charAt(at)) && at + 1 < text.length() ? at + 2 : at + 1;
        for (byte b : text.substring(at, end).getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HEX.charAt(b >> 4 & 0xf)).append(HEX.charAt(b & 0xf));
        }
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** A registry-based authority read as {@code [userinfo@]host[:port]}. */
    private record Authority(String host, int port) {
        static Authority parse(String authority) throws UnparsableUrlException {
            String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
            String host = hostPort;
            String port = null;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw new UnparsableUrlException("unclosed IPv6 address in authority " + authority);
                }
                host = hostPort.substring(0, close + 1);
                port = close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':'
                        ? hostPort.substring(close + 2)
                        : null;
            } else if (hostPort.indexOf(':') >= 0) {
                host = hostPort.substring(0, hostPort.indexOf(':'));
                port = hostPort.substring(hostPort.indexOf(':') + 1);
            }
            return new Authority(host, parsePort(port, authority));
        }

        private static int parsePort(String port, String authority) throws UnparsableUrlException {
            if (port == null || port.isEmpty()) {
                return -1;
            }
            if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new UnparsableUrlException("invalid port in authority " + authority);
            }
            int value = Integer.parseInt(port);
            if (value > 65_535) {
                throw new UnparsableUrlException("port out of range in authority " + authority);
            }
            return value;
        }
    }
}
