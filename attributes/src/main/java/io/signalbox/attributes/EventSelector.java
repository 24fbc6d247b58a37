package io.signalbox.attributes;

/**
 * Which events an attribute looks at, by the {@code event_vendor}, {@code event_name} and {@code event_version}
 * columns. Each part is optional; a missing part matches anything.
 *
 * @param vendor the vendor, or {@code null} for any
 * @param name the event name, or {@code null} for any
 * @param version the SchemaVer {@code M-R-A}, or {@code null} for any
 */
public record EventSelector(String vendor, String name, String version) {

    /** The selector of Snowplow's page views. */
    public static final EventSelector PAGE_VIEW =
            new EventSelector("com.snowplowanalytics.snowplow", "page_view", "1-0-0");

    /** Whether an event with these columns matches. */
    public boolean matches(String eventVendor, String eventName, String eventVersion) {
        return (vendor == null || vendor.equals(eventVendor))
                && (name == null || name.equals(eventName))
                && (version == null || version.equals(eventVersion));
    }
}
