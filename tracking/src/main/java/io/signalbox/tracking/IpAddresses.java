package io.signalbox.tracking;

import java.util.List;
import java.util.Locale;

/** Finds the client address of an event and masks it when IP anonymisation is on. */
final class IpAddresses {
    private IpAddresses() {}

    /**
     * The client address as the enricher sees it: the first address of the first {@code X-Forwarded-For} header,
     * else the {@code for=} of a {@code Forwarded} header, else the address the collector recorded.
     */
    static String clientAddress(List<String> headers, String collectorAddress) {
        String forwarded = null;
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = header.substring(0, colon).strip();
            String value = header.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("X-Forwarded-For")) {
                String first = firstToken(value, ",");
                if (!first.isEmpty()) {
                    return first;
                }
            } else if (forwarded == null && name.equalsIgnoreCase("Forwarded")) {
                forwarded = forwardedFor(value);
            }
        }
        return forwarded != null ? forwarded : collectorAddress;
    }

    /** The {@code ip} parameter's address: its first token when split on a comma, a bar or a space. */
    static String fromParameter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '|' || c == ' ') {
                return value.substring(0, i);
            }
        }
        return value;
    }

    private static String firstToken(String value, String separator) {
        int at = value.indexOf(separator);
        return (at < 0 ? value : value.substring(0, at)).strip();
    }

    private static String forwardedFor(String value) {
        String firstElement = firstToken(value, ",");
        for (String pair : firstElement.split(";")) {
            String trimmed = pair.strip();
            if (trimmed.length() > 4
                    && trimmed.substring(0, 4).toLowerCase(Locale.ROOT).equals("for=")) {
                return stripNode(trimmed.substring(4).strip());
            }
        }
        return null;
    }

    private static String stripNode(String node) {
        String unquoted = node.length() >= 2 && node.startsWith("\"") && node.endsWith("\"")
                ? node.substring(1, node.length() - 1)
                : node;
        if (unquoted.startsWith("[")) {
            int close = unquoted.indexOf(']');
            return close > 0 ? unquoted.substring(1, close) : unquoted;
        }
        int colon = unquoted.indexOf(':');
        return colon > 0 && colon == unquoted.lastIndexOf(':') ? unquoted.substring(0, colon) : unquoted;
    }

    /**
     * Replaces the last {@code ipv4Octets} octets of an IPv4 address, or the last {@code ipv6Segments} groups of an
     * IPv6 address (expanded to eight groups first), with {@code x}. Anything else is returned unchanged.
     */
    static String anonymise(String address, int ipv4Octets, int ipv6Segments) {
        if (address == null) {
            return null;
        }
        if (isIpv4(address)) {
            String[] octets = address.split("\\.");
            for (int i = 4 - ipv4Octets; i < 4; i++) {
                octets[i] = "x";
            }
            return String.join(".", octets);
        }
        String[] groups = expandIpv6(address);
        if (groups == null) {
            return address;
        }
        for (int i = 8 - ipv6Segments; i < 8; i++) {
            groups[i] = "x";
        }
        return String.join(":", groups);
    }

    private static boolean isIpv4(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String[] expandIpv6(String address) {
        if (address.indexOf(':') < 0 || !address.chars().allMatch(IpAddresses::isIpv6Char)) {
            return null;
        }
        int gap = address.indexOf("::");
        if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String[] head = split(gap < 0 ? address : address.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : split(address.substring(gap + 2));
        int missing = 8 - head.length - tail.length;
        if (gap < 0 ? missing != 0 : missing < 1) {
            return null;
        }
        String[] groups = new String[8];
        for (int i = 0; i < 8; i++) {
            if (i < head.length) {
                groups[i] = head[i];
            } else if (i < head.length + missing) {
                groups[i] = "0";
            } else {
                groups[i] = tail[i - head.length - missing];
            }
        }
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
        }
        return groups;
    }

    private static String[] split(String part) {
        return part.isEmpty() ? new String[0] : part.split(":", -1);
    }

    private static boolean isIpv6Char(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':';
    }
}
