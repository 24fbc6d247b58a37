package io.signalbox.engine.processor;

import io.signalbox.attributes.core.ProfileState;
import io.signalbox.events.EnrichedEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Told about state changes as the processor applies events; used for interventions and metrics. */
public interface ProcessorListener {

    /**
     * The attributes of this group whose values from before each change {@link #onChange} needs; empty for none.
     * Each costs an evaluation per event, in proportion to the events its window holds, so ask only for what is used.
     */
    default Set<String> valuesBefore(ActiveGroup group) {
        return Set.of();
    }

    /**
     * A profile changed. Called on the processor thread before the change is committed; do not keep {@code state}.
     *
     * @param event the event that changed it
     * @param before the values of {@link #valuesBefore} before the change, or {@code null} when none were asked for
     * @param now the instant the processor evaluates values at
     */
    default void onChange(
            ActiveGroup group,
            String key,
            EnrichedEvent event,
            Map<String, Object> before,
            ProfileState state,
            Instant now) {}

    /** Everything up to {@code offset} (exclusive) is committed. */
    default void onCommit(long offset) {}

    /** The changes told since the last commit were not committed and will be redone. */
    default void onRollback() {}

    /** A listener that does nothing. */
    ProcessorListener NONE = new ProcessorListener() {};
}
