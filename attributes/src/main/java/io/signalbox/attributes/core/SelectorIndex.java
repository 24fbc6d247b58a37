package io.signalbox.attributes.core;

import io.signalbox.attributes.EventSelector;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which attributes of a group an event's (vendor, name, version) selects. Answers are computed once per distinct
 * triple and cached (up to {@value #MAX_CACHED} triples, so unusual event names cannot grow it without bound); the
 * cache is safe to share between threads.
 */
final class SelectorIndex {
    private static final int MAX_CACHED = 4_096;

    private final List<List<EventSelector>> selectorsByAttribute;
    private final ConcurrentHashMap<String, Entry[]> byName = new ConcurrentHashMap<>();
    private final AtomicInteger cached = new AtomicInteger();

    private record Entry(String vendor, String version, int[] attributes) {}

    SelectorIndex(List<List<EventSelector>> selectorsByAttribute) {
        this.selectorsByAttribute = List.copyOf(selectorsByAttribute);
    }

    /** The indexes of the attributes that the event selects, in definition order; never null. */
    int[] attributesFor(String vendor, String name, String version) {
        String nameKey = name == null ? "" : name;
        Entry[] entries = byName.get(nameKey);
        if (entries != null) {
            for (Entry entry : entries) {
                if (Objects.equals(entry.vendor, vendor) && Objects.equals(entry.version, version)) {
                    return entry.attributes;
                }
            }
        }
        int[] attributes = compute(vendor, name, version);
        if (cached.incrementAndGet() <= MAX_CACHED) {
            Entry entry = new Entry(vendor, version, attributes);
            byName.merge(nameKey, new Entry[] {entry}, SelectorIndex::append);
        }
        return attributes;
    }

    private static Entry[] append(Entry[] old, Entry[] added) {
        Entry[] merged = Arrays.copyOf(old, old.length + 1);
        merged[old.length] = added[0];
        return merged;
    }

    private int[] compute(String vendor, String name, String version) {
        int[] matches = new int[selectorsByAttribute.size()];
        int count = 0;
        for (int i = 0; i < selectorsByAttribute.size(); i++) {
            if (selects(selectorsByAttribute.get(i), vendor, name, version)) {
                matches[count++] = i;
            }
        }
        return Arrays.copyOf(matches, count);
    }

    private static boolean selects(List<EventSelector> selectors, String vendor, String name, String version) {
        if (selectors.isEmpty()) {
            return true;
        }
        for (EventSelector selector : selectors) {
            if (selector.matches(vendor, name, version)) {
                return true;
            }
        }
        return false;
    }
}
