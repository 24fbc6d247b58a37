package io.signalbox.scoring.training;

import java.time.Instant;
import java.util.List;

/**
 * One row of a training set: a prospect at an anchor instant, its attribute values then, and whether the goal
 * followed within the horizon.
 *
 * @param key the attribute-key value, such as a domain user id
 * @param anchor the instant the values are read at
 * @param values the attribute values, in the order of {@link TrainingSet#attributes()}, as the API answers them
 * @param label whether a goal event followed in {@code (anchor, anchor + horizon]}
 */
public record TrainingRow(String key, Instant anchor, List<Object> values, boolean label) {}
