package io.signalbox.scoring.train;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.engine.warehouse.Warehouse;
import io.signalbox.scoring.model.ModelFiles;
import io.signalbox.scoring.training.TrainingSet;
import io.signalbox.scoring.training.TrainingSetBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@code signalbox train} does: builds the training set from the warehouse with the engine's core, fits and
 * judges each configured model, writes a report per model, and puts the model to serve into the models directory,
 * where a running server picks it up.
 */
public final class Training {
    private Training() {}

    /**
     * What a training run produced.
     *
     * @param set the training set
     * @param results each model's results, in configuration order
     * @param served the result of the model put into the models directory
     * @param servedFile its model file there, or null when no models directory was given
     * @param reports the report folder of each model
     */
    public record Outcome(
            TrainingSet set,
            List<TrainingRun.ModelResult> results,
            TrainingRun.ModelResult served,
            Path servedFile,
            List<Path> reports) {}

    /** Where the inputs come from and the outputs go. */
    public record Paths(String configName, String dataDescription, Path reportDir, Path modelsDir) {}

    /**
     * Runs a training.
     *
     * @param group the attribute group the configuration names, as the registry holds it
     * @param key the group's attribute key
     * @param now the training time, which names the model versions
     * @throws IllegalStateException when the training set has too few rows, or no positive or negative row
     */
    public static Outcome run(
            TrainingConfig config,
            AttributeGroupDefinition group,
            AttributeKeyDefinition key,
            Warehouse warehouse,
            Paths paths,
            Instant now,
            Consumer<String> progress)
            throws IOException {
        progress.accept("building the training set of " + group.describe() + " from " + paths.dataDescription());
        TrainingSet set =
                new TrainingSetBuilder(CompiledGroup.compile(group, key), config.trainingSet()).build(warehouse);
        progress.accept(String.format(
                "training set: %,d rows of %,d prospects, %,d positive, from %,d events",
                set.rows().size(), set.keys(), set.positives(), set.events()));
        requireUsable(set);
        Instant trainedAt = now.truncatedTo(ChronoUnit.SECONDS);
        List<TrainingRun.ModelResult> results =
                TrainingRun.run(config, set, trainedAt, paths.dataDescription(), progress);
        List<Path> reports = new ArrayList<>();
        for (TrainingRun.ModelResult result : results) {
            reports.add(Reports.write(paths.reportDir(), result, set, paths.configName()));
        }
        TrainingRun.ModelResult served = TrainingRun.served(config, results);
        Path servedFile = paths.modelsDir() == null ? null : ModelFiles.write(served.model(), paths.modelsDir());
        return new Outcome(set, results, served, servedFile, reports);
    }

    private static void requireUsable(TrainingSet set) {
        long positives = set.positives();
        long negatives = set.rows().size() - positives;
        if (positives < 10 || negatives < 10) {
            throw new IllegalStateException(String.format(
                    "the training set has %,d positive and %,d negative rows; at least 10 of each are needed: load more"
                            + " history (signalbox import, or signalbox simulate) or check the goal and anchors",
                    positives, negatives));
        }
    }
}
