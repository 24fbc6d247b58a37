package io.signalbox.scoring.training;

import io.signalbox.attributes.GroupRef;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What a point-in-time training set is made of.
 *
 * @param attributeGroup the group whose attributes are the features, computed by the engine's core
 * @param goal the goal events: {@code events} selectors and optional {@code criteria}, as in an attribute definition
 * @param horizon a row is positive when a goal event of its key falls in {@code (anchor, anchor + horizon]}
 * @param anchorEvents with {@code every} null, each event these selectors and criteria match is an anchor; with
 *     {@code every}, the events that count as activity
 * @param every when set, anchors fall every this long after each activity event, while the key stays active
 * @param activeFor how long after its last activity event a key stays active (used with {@code every})
 * @param featuresAt whether the anchor event itself is reflected in the row's values
 * @param keepCensored whether to keep, as negatives, anchors whose horizon reaches past the end of history (the
 *     tutorial keeps them); otherwise they are left out, since their label is not known
 */
public record TrainingSetSpec(
        GroupRef attributeGroup,
        JsonNode goal,
        Duration horizon,
        JsonNode anchorEvents,
        Duration every,
        Duration activeFor,
        FeatureTime featuresAt,
        boolean keepCensored) {

    public TrainingSetSpec {
        Objects.requireNonNull(attributeGroup, "attributeGroup");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(featuresAt, "featuresAt");
        requirePositive("goal.horizon", horizon);
        if (every != null) {
            requirePositive("anchors.every", every);
            requirePositive("anchors.active_for", activeFor);
        }
    }

    private static void requirePositive(String field, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, was " + duration);
        }
    }
}
