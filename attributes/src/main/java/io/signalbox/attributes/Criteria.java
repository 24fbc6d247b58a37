package io.signalbox.attributes;

import java.util.List;

/**
 * The event filter of an attribute: every criterion of {@code all} and at least one of {@code any} must hold, that
 * is {@code AND(all) AND OR(any)}. An empty list places no condition.
 *
 * @param all criteria that must all hold
 * @param any criteria of which one must hold
 */
public record Criteria(List<Criterion> all, List<Criterion> any) {
    public Criteria {
        all = all == null ? List.of() : List.copyOf(all);
        any = any == null ? List.of() : List.copyOf(any);
    }

    public boolean isEmpty() {
        return all.isEmpty() && any.isEmpty();
    }
}
