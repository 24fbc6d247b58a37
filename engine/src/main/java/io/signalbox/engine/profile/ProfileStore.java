package io.signalbox.engine.profile;

import java.util.List;
import java.util.Map;

/**
 * Where the API reads aggregation state: the encoded {@link io.signalbox.attributes.core.ProfileState} of one
 * attribute-group version for one attribute-key value. The engine writes it; readers decode it with the group's
 * {@link io.signalbox.attributes.core.CompiledGroup} and evaluate it against their clock.
 */
public interface ProfileStore {

    /** The encoded state, or {@code null} when the key has none. */
    byte[] get(String groupFullName, String key);

    /** Encoded states of several keys; keys without state are absent from the map. */
    Map<String, byte[]> getAll(String groupFullName, List<String> keys);
}
