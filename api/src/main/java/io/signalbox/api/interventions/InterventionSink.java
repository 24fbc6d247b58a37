package io.signalbox.api.interventions;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where interventions go: the {@link InterventionHub} of this node's open streams, or, in the cluster mode, the
 * stream that carries them to the API node that holds each subscriber.
 */
public interface InterventionSink {

    /** Whether anyone listens for any of these targets: the engine skips building payloads nobody would receive. */
    boolean hasSubscribers(List<Target> targets);

    /**
     * Sends an intervention to the subscribers of the targets, once per subscriber.
     *
     * @param payload the intervention instance without {@code target_attribute_key}
     * @return how many subscribers it reached, or, when they are on other nodes, 1 when some node has one
     */
    int deliver(ObjectNode payload, List<Target> targets);

    /**
     * Sends a rule intervention as {@link #deliver} does; when nobody listens for its targets yet, it is held for a
     * short time for the first stream that subscribes to one of them (the page that sent the triggering event may
     * still be opening its stream).
     *
     * @return how many subscribers it reached at once, as {@link #deliver} counts them
     */
    int deliverOrHold(ObjectNode payload, List<Target> targets);
}
