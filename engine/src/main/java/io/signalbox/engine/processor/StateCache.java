package io.signalbox.engine.processor;

import io.signalbox.attributes.core.ProfileState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded profiles of the processor, least recently used first. Entries changed since the last commit are dirty and
 * stay until they are committed; only clean entries are evicted.
 */
final class StateCache {
    private final int capacity;
    private final LinkedHashMap<CacheKey, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private final List<CacheKey> dirty = new ArrayList<>();

    record CacheKey(String group, String key) {}

    static final class Entry {
        final ProfileState state;
        boolean dirty;

        Entry(ProfileState state) {
            this.state = state;
        }
    }

    StateCache(int capacity) {
        this.capacity = capacity;
    }

    Entry get(CacheKey key) {
        return entries.get(key);
    }

    Entry put(CacheKey key, ProfileState state) {
        Entry entry = new Entry(state);
        entries.put(key, entry);
        return entry;
    }

    void markDirty(CacheKey key, Entry entry) {
        if (!entry.dirty) {
            entry.dirty = true;
            dirty.add(key);
        }
    }

    /** The dirty entries in the order they first changed. */
    List<CacheKey> dirtyKeys() {
        return dirty;
    }

    /** After a commit: every entry is clean, and the cache shrinks back to its capacity. */
    void committed() {
        for (CacheKey key : dirty) {
            Entry entry = entries.get(key);
            if (entry != null) {
                entry.dirty = false;
            }
        }
        dirty.clear();
        Iterator<Map.Entry<CacheKey, Entry>> oldest = entries.entrySet().iterator();
        while (entries.size() > capacity && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    void remove(CacheKey key) {
        entries.remove(key);
    }

    /** Drops every entry of a group (it stopped being computed, or its states were rewritten). */
    void removeGroup(String group) {
        entries.keySet().removeIf(key -> key.group().equals(group));
        dirty.removeIf(key -> key.group().equals(group));
    }

    int size() {
        return entries.size();
    }
}
