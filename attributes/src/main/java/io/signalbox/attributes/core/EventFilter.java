package io.signalbox.attributes.core;

import io.signalbox.attributes.Criteria;
import io.signalbox.attributes.Criterion;
import io.signalbox.events.EnrichedEvent;
import java.util.List;

/** Compiled attribute criteria: {@code AND(all) AND OR(any)}, each criterion a property read and a comparison. */
final class EventFilter {
    private final ValueReader[] allReaders;
    private final Comparison[] allComparisons;
    private final ValueReader[] anyReaders;
    private final Comparison[] anyComparisons;

    private EventFilter(List<Criterion> all, List<Criterion> any) {
        this.allReaders = readers(all);
        this.allComparisons = comparisons(all);
        this.anyReaders = readers(any);
        this.anyComparisons = comparisons(any);
    }

    /** The filter of the criteria, or null when they place no condition. */
    static EventFilter of(Criteria criteria) {
        return criteria == null || criteria.isEmpty() ? null : new EventFilter(criteria.all(), criteria.any());
    }

    private static ValueReader[] readers(List<Criterion> criteria) {
        return criteria.stream().map(c -> ValueReader.of(c.property())).toArray(ValueReader[]::new);
    }

    private static Comparison[] comparisons(List<Criterion> criteria) {
        return criteria.stream()
                .map(c -> Comparison.of(c.operator(), c.value()))
                .toArray(Comparison[]::new);
    }

    boolean test(EnrichedEvent event) {
        for (int i = 0; i < allReaders.length; i++) {
            if (!allComparisons[i].test(allReaders[i].read(event))) {
                return false;
            }
        }
        if (anyReaders.length == 0) {
            return true;
        }
        for (int i = 0; i < anyReaders.length; i++) {
            if (anyComparisons[i].test(anyReaders[i].read(event))) {
                return true;
            }
        }
        return false;
    }
}
