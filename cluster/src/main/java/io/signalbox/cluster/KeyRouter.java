package io.signalbox.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.engine.processor.ActiveGroup;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of the cluster engine: gives each enriched event one record per attribute key that some computed
 * group uses, keyed {@code <key name>\0<key value>}, so that after the repartition all events of one profile meet in
 * one task, in the order they were read. An event without a value for a key is not routed for it; an entry that is
 * not an enriched event is counted and dropped.
 */
final class KeyRouter {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRouter.class);

    private final ComputedGroups groups;
    private final AtomicLong unreadable = new AtomicLong();

    KeyRouter(ComputedGroups groups) {
        this.groups = groups;
    }

    Iterable<KeyValue<String, byte[]>> route(byte[] ignoredKey, byte[] value) {
        Map<String, List<ActiveGroup>> byKey = groups.current().byKeyName();
        if (byKey.isEmpty() || value == null) {
            return List.of();
        }
        EnrichedEvent event = read(value);
        if (event == null) {
            return List.of();
        }
        List<KeyValue<String, byte[]>> routed = new ArrayList<>(byKey.size());
        for (Map.Entry<String, List<ActiveGroup>> key : byKey.entrySet()) {
            String id = key.getValue().getFirst().compiled().keyOf(event);
            if (id != null) {
                routed.add(KeyValue.pair(key.getKey() + '\0' + id, value));
            }
        }
        return routed;
    }

    private EnrichedEvent read(byte[] value) {
        try {
            EnrichedEvent event = EnrichedTsv.parseLazy(new String(value, UTF_8));
            event.derivedTstamp();
            return event;
        } catch (RuntimeException e) {
            long count = unreadable.incrementAndGet();
            if (count == 1 || count % 1_000 == 0) {
                LOG.warn(
                        "Dropped entries of the enriched topic that are not enriched events count=[{}]: {}",
                        count,
                        e.getMessage());
            }
            return null;
        }
    }

    /** Entries dropped because they were not enriched events. */
    long unreadableCount() {
        return unreadable.get();
    }
}
