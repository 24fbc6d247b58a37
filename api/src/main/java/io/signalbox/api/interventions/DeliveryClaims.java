package io.signalbox.api.interventions;

/**
 * Where the hubs of several API nodes agree that a held rule intervention is sent once. In a cluster every API node
 * reads every rule intervention; a node without a stream for it holds it, while another node may have sent it live
 * already, or may hand its own held copy to a stream first.
 */
public interface DeliveryClaims {
    /** One node: nothing to agree on. */
    DeliveryClaims LOCAL = new DeliveryClaims() {
        @Override
        public void sentLive(String interventionId) {}

        @Override
        public void unsent(String interventionId) {}

        @Override
        public boolean claimHeld(String interventionId) {
            return true;
        }
    };

    /** The intervention was sent to a stream as it fired; no node may send a held copy of it. */
    void sentLive(String interventionId);

    /**
     * The live send went to a stream that turned out to have gone: a held copy, on this node or another, may be sent
     * to the visitor's next stream after all.
     */
    void unsent(String interventionId);

    /** Whether this node may send its held copy: true for the first node that asks, if none sent it live. */
    boolean claimHeld(String interventionId);
}
