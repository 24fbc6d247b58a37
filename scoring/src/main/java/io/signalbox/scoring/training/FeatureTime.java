package io.signalbox.scoring.training;

import java.util.Locale;

/** Which events a training row's attribute values reflect, relative to its anchor. */
public enum FeatureTime {
    /** Only events strictly before the anchor instant: the tutorial's protocol. */
    BEFORE_ANCHOR,
    /**
     * Every event up to and including the anchor event, as the live API answers once the engine has applied it: what
     * a page that asks for its visitor's score after a page view sees. Nothing after the anchor counts.
     */
    AFTER_ANCHOR;

    /** The setting's spelling, such as {@code after_anchor}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FeatureTime fromWireName(String text) {
        for (FeatureTime value : values()) {
            if (value.wireName().equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException("features_at must be before_anchor or after_anchor, was '" + text + "'");
    }
}
