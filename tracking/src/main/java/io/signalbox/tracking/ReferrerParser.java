package io.signalbox.tracking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classifies a referrer URL as {@code internal}, a known medium from the referrer database ({@code search}, {@code
 * social}, {@code email}, {@code paid}, {@code chatbot}) with its source and search term, or {@code unknown}.
 *
 * <p>The database is {@code referrers.txt} beside this class; its header explains the format and the matching rules.
 */
final class ReferrerParser {
    private static final String RESOURCE = "referrers.txt";
    private static final Set<String> SCHEMES = Set.of("http", "https", "android-app");
    private static final ReferrerParser STANDARD = new ReferrerParser(load());

    private final Map<String, Entry> entries;

    ReferrerParser(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** The parser over the built-in database. */
    static ReferrerParser standard() {
        return STANDARD;
    }

    /**
     * One database entry.
     *
     * @param medium the category, such as {@code search}
     * @param source the display name, such as {@code Google}
     * @param termParameters query parameters holding the search term
     */
    record Entry(String medium, String source, List<String> termParameters) {}

    /**
     * The classification of a referrer.
     *
     * @param medium {@code internal}, {@code unknown} or a database category
     * @param source the source name, or {@code null}
     * @param term the search term, or {@code null}
     */
    record Referrer(String medium, String source, String term) {}

    /**
     * Classifies the referrer; {@code null} when the referrer is not an http, https or android-app URL with a host.
     *
     * @param referrer the decomposed referrer URL
     * @param pageHost the host of the page, for internal referrers
     * @param internalDomains further hosts that count as internal, lower case
     */
    Referrer classify(Urls.Parts referrer, String pageHost, List<String> internalDomains) {
        return classify(referrer, QueryString.pairs(referrer.query()), pageHost, internalDomains);
    }

    /** {@link #classify(Urls.Parts, String, List)} with the referrer's query parameters already decoded. */
    Referrer classify(
            Urls.Parts referrer, List<QueryString.Pair> query, String pageHost, List<String> internalDomains) {
        String scheme = referrer.scheme();
        if (scheme == null || referrer.host() == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String host = referrer.host().toLowerCase(Locale.ROOT);
        if (host.equalsIgnoreCase(pageHost) || internalDomains.contains(host)) {
            return new Referrer("internal", null, null);
        }
        Entry entry = lookup(host, referrer.path());
        if (entry == null) {
            return new Referrer("unknown", null, null);
        }
        return new Referrer(entry.medium(), entry.source(), term(entry, query));
    }

    /** How many distinct sources the database knows. */
    long sourceCount() {
        return entries.values().stream().map(Entry::source).distinct().count();
    }

    private Entry lookup(String host, String path) {
        String firstSegment = firstSegment(path);
        String suffix = host;
        while (!suffix.isEmpty()) {
            Entry entry = path == null ? null : entries.get(suffix + path);
            if (entry == null && firstSegment != null) {
                entry = entries.get(suffix + firstSegment);
            }
            if (entry == null) {
                entry = entries.get(suffix);
            }
            if (entry != null) {
                return entry;
            }
            int dot = suffix.indexOf('.');
            suffix = dot < 0 ? "" : suffix.substring(dot + 1);
        }
        return null;
    }

    private static String firstSegment(String path) {
        if (path == null || path.length() < 2 || path.charAt(0) != '/') {
            return null;
        }
        int slash = path.indexOf('/', 1);
        return slash < 0 ? path : path.substring(0, slash);
    }

    private static String term(Entry entry, List<QueryString.Pair> query) {
        if (entry.termParameters().isEmpty()) {
            return null;
        }
        for (QueryString.Pair pair : query) {
            if (entry.termParameters().contains(pair.name()) && !pair.value().isBlank()) {
                return pair.value();
            }
        }
        return null;
    }

    private static Map<String, Entry> load() {
        try (InputStream in = ReferrerParser.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the referrer database " + RESOURCE + " is missing");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the referrer database " + RESOURCE, e);
        }
    }

    /** Reads the database format: {@code [medium]} sections of {@code source | params | keys} lines. */
    static Map<String, Entry> parse(List<String> lines) {
        Map<String, Entry> entries = new HashMap<>();
        String medium = null;
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                medium = line.substring(1, line.length() - 1).strip();
                continue;
            }
            String[] columns = line.split("\\|", -1);
            if (medium == null || columns.length != 3) {
                throw new IllegalArgumentException("referrer database line " + number
                        + " must be 'source | params | keys' in a [medium]" + " section, was '" + raw + "'");
            }
            Entry entry = new Entry(medium, columns[0].strip(), parameters(columns[1].strip()));
            for (String key : columns[2].strip().split("\\s+")) {
                if (entries.put(key.toLowerCase(Locale.ROOT), entry) != null) {
                    throw new IllegalArgumentException(
                            "referrer database line " + number + ": duplicate key '" + key + "'");
                }
            }
        }
        return entries;
    }

    private static List<String> parameters(String column) {
        return column.equals("-")
                ? List.of()
                : Arrays.stream(column.split(",")).map(String::strip).toList();
    }
}
