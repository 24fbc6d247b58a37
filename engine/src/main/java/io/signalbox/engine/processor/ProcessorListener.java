package io.signalbox.engine.processor;

import io.signalbox.attributes.core.ProfileState;
import io.signalbox.events.EnrichedEvent;
import java.time.Instant;
import java.util.Map;

/** Told about state changes as the processor applies events; used for interventions and metrics. */
public interface ProcessorListener {

    /** Whether {@link #onChange} needs the values from before each change of this group (costs an evaluation). */
    default boolean wantsValuesBefore(ActiveGroup group) {
        return false;
    }

    /**
     * A profile changed. Called on the processor thread before the change is committed; do not keep {@code state}.
     *
     * @param event the event that changed it
     * @param before the values before the change, or {@code null} when not asked for
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
