package io.signalbox.scoring.predict;

import io.signalbox.scoring.model.ProspectModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model {@code /predict} serves: the newest model file of a directory, loaded at start and replaced without a
 * restart when a newer file appears (the directory is looked at every few seconds). A file that cannot be read is
 * logged once and skipped; the model being served stays.
 */
public final class ModelStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);

    private final Path directory;
    private final ModelLoader loader;
    private final ScheduledExecutorService watcher;
    private volatile ProspectModel current;
    private volatile Path currentFile;
    private volatile Path lastRefused;

    private ModelStore(Path directory, ModelLoader loader, Duration interval) {
        this.directory = directory;
        this.loader = loader;
        refresh();
        this.watcher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("model-store").daemon().factory());
        watcher.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Loads the newest model of the directory, if any, and watches it for newer ones. */
    public static ModelStore open(Path directory, ModelLoader loader, Duration interval) {
        return new ModelStore(directory, loader, interval);
    }

    /** The model being served, if one has been loaded. */
    public Optional<ProspectModel> current() {
        return Optional.ofNullable(current);
    }

    /** The directory it watches. */
    public Path directory() {
        return directory;
    }

    /** Looks for a newer model file now; returns whether the model served changed. */
    public synchronized boolean refresh() {
        try {
            List<Path> files = loader.list(directory);
            for (Path newest : files) {
                if (newest.equals(currentFile)) {
                    return false;
                }
                if (newest.equals(lastRefused)) {
                    continue;
                }
                try {
                    ProspectModel model = loader.load(newest);
                    current = model;
                    currentFile = newest;
                    LOG.info(
                            "Serving model version=[{}] kind=[{}] group=[{}] file=[{}]",
                            model.info().version(),
                            model.info().kind(),
                            model.info().groupFullName(),
                            newest);
                    return true;
                } catch (Exception e) {
                    lastRefused = newest;
                    LOG.warn("Cannot load model file {}, keeping the model served: {}", newest, e.toString());
                }
            }
        } catch (Exception e) {
            LOG.warn("Cannot list model files in {}: {}", directory, e.toString());
        }
        return false;
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
