package io.signalbox.scoring.training;

import java.util.Locale;

/** How rows are divided between training and testing. */
public enum SplitKind {
    /** Rows drawn at random, positives and negatives in the same proportion on both sides (stratified). */
    RANDOM,
    /** Prospects drawn at random: all rows of a key fall on one side, so no prospect is both learnt and tested. */
    KEY,
    /** The newest rows are the test: the model is judged on a future it has not seen, as in production. */
    TIME;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SplitKind fromWireName(String text) {
        for (SplitKind kind : values()) {
            if (kind.wireName().equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("split must be random, key or time, was '" + text + "'");
    }
}
