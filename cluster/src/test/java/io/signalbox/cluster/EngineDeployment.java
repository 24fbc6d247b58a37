package io.signalbox.cluster;

import io.signalbox.engine.profile.ProfileStore;
import io.signalbox.engine.registry.Registry;
import io.signalbox.events.EnrichedEvent;
import java.util.List;

/** An attribute engine under test, embedded or on the cluster, driven the same way by {@link EngineBehaviour}. */
interface EngineDeployment extends AutoCloseable {

    /** The registry the engine reads its groups from. */
    Registry registry();

    /** Appends events as the collector would. */
    void append(List<EnrichedEvent> events) throws Exception;

    /** Waits until every appended event is reflected in {@link #profiles()}. */
    void awaitProcessed() throws Exception;

    /** Waits until the engine has picked up a published group, so that the events appended next count for it. */
    void awaitComputing(String groupFullName) throws Exception;

    /** Where the API reads profiles. */
    ProfileStore profiles();

    /** Stops the engine (everything processed is kept) and starts it again on the same data. */
    void restart() throws Exception;

    @Override
    void close();
}
