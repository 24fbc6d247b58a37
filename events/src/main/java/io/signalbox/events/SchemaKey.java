package io.signalbox.events;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of an Iglu schema: {@code iglu:<vendor>/<name>/<format>/<version>}.
 *
 * @param vendor reverse-domain vendor, such as {@code com.snowplowanalytics.snowplow}
 * @param name the schema name, such as {@code web_page}
 * @param format {@code jsonschema} for everything but the collector's Thrift record
 * @param version the SchemaVer
 */
public record SchemaKey(String vendor, String name, String format, SchemaVer version) {
    private static final Pattern URI =
            Pattern.compile("^iglu:([a-zA-Z0-9_.\\-]+)/([a-zA-Z0-9_\\-]+)/([a-zA-Z0-9_\\-]+)/([0-9]+-[0-9]+-[0-9]+)$");

    public SchemaKey {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Parses an Iglu URI such as {@code iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0}.
     *
     * @throws IllegalArgumentException when the text is not a valid Iglu URI
     */
    public static SchemaKey parse(String uri) {
        Matcher matcher = URI.matcher(uri);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an Iglu URI (iglu:vendor/name/format/1-0-0): '" + uri + "'");
        }
        return new SchemaKey(matcher.group(1), matcher.group(2), matcher.group(3), SchemaVer.parse(matcher.group(4)));
    }

    /** A jsonschema key. */
    public static SchemaKey of(String vendor, String name, String version) {
        return new SchemaKey(vendor, name, "jsonschema", SchemaVer.parse(version));
    }

    /** The Iglu URI, {@code iglu:vendor/name/format/M-R-A}. */
    public String toUri() {
        return "iglu:" + toPath();
    }

    /** The path of this schema in a static Iglu repository, {@code vendor/name/format/M-R-A}. */
    public String toPath() {
        return vendor + "/" + name + "/" + format + "/" + version;
    }

    /** Whether this key has the same vendor, name, format and model as the other, whatever its revision. */
    public boolean sameModelAs(String otherVendor, String otherName, int otherModel) {
        return vendor.equals(otherVendor) && name.equals(otherName) && version.model() == otherModel;
    }

    @Override
    public String toString() {
        return toUri();
    }
}
