package io.signalbox.app;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.engine.registry.Registry;
import io.signalbox.engine.warehouse.Warehouse;
import io.signalbox.scoring.model.ModelFiles;
import io.signalbox.scoring.simulator.ProspectSimulator;
import io.signalbox.scoring.simulator.SimulatedHistory;
import io.signalbox.scoring.simulator.SimulationSettings;
import io.signalbox.scoring.train.Training;
import io.signalbox.scoring.train.TrainingConfig;
import io.signalbox.scoring.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code signalbox run} does on a data directory without a model, so the demo scores visitors from the first
 * page: trains one with the project's training configuration, on the warehouse's history, after writing a simulated
 * month of prospects into it when it is empty. Nothing here stops the server from starting: a failure is logged and
 * {@code /predict} answers 503 until a model is trained.
 */
final class ModelPreparation {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPreparation.class);
    static final String DEFAULT_CONFIG = "training/prospect_scoring.yaml";
    private static final int SIMULATED_PROSPECTS = 5_000;
    private static final int SIMULATED_DAYS = 30;
    private static final long SIMULATION_SEED = 42;

    private ModelPreparation() {}

    /** Trains and installs a model into {@code modelsDir} unless one is there already. */
    static void prepareIfMissing(
            Path modelsDir, Path reportDir, Warehouse warehouse, Registry registry, InstantSource clock) {
        try {
            if (!new ModelFiles().list(modelsDir).isEmpty()) {
                return;
            }
            Path configFile = TrainCommand.projectFile(DEFAULT_CONFIG);
            if (configFile == null || !Files.isRegularFile(configFile)) {
                LOG.warn(
                        "No model in {} and no training configuration ({}) to train one: /predict answers 503 until"
                                + " 'signalbox train' writes a model",
                        modelsDir,
                        DEFAULT_CONFIG);
                return;
            }
            TrainingConfig config = TrainingConfig.read(configFile);
            Optional<AttributeGroupDefinition> group = registry.attributeGroup(
                    config.trainingSet().attributeGroup().name(),
                    config.trainingSet().attributeGroup().version());
            if (group.isEmpty()) {
                LOG.warn(
                        "No model in {}: the training configuration's attribute group {} v{} is not defined",
                        modelsDir,
                        config.trainingSet().attributeGroup().name(),
                        config.trainingSet().attributeGroup().version());
                return;
            }
            AttributeKeyDefinition key = registry.attributeKey(
                            group.get().attributeKey().name())
                    .orElse(group.get().attributeKey());
            Instant now = clock.instant();
            String data = "the warehouse";
            if (warehouse.count() == 0) {
                data = simulate(warehouse, now);
            }
            LOG.info("Preparing a model: training with {} on {}", DEFAULT_CONFIG, data);
            Training.Outcome outcome = Training.run(
                    config,
                    group.get(),
                    key,
                    warehouse,
                    new Training.Paths(DEFAULT_CONFIG, data, reportDir, modelsDir),
                    now,
                    line -> LOG.info("Preparing a model: {}", line));
            TrainingRun.ModelResult served = outcome.served();
            LOG.info(
                    "Prepared model version=[{}] roc_auc=[{}] report=[{}]",
                    served.model().info().version(),
                    String.format("%.3f", served.test().rocAuc()),
                    outcome.reports().get(outcome.results().indexOf(served)).resolve("report.md"));
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "Preparing a model failed, /predict answers 503 until 'signalbox train' writes one: {}",
                    e.toString());
        }
    }

    private static String simulate(Warehouse warehouse, Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.SECONDS);
        SimulationSettings settings = SimulationSettings.defaults(end)
                .withProspects(SIMULATED_PROSPECTS)
                .withSeed(SIMULATION_SEED);
        LOG.info(
                "Preparing a model: the warehouse is empty, simulating {} prospects over the last {} days into it",
                SIMULATED_PROSPECTS,
                SIMULATED_DAYS);
        SimulatedHistory.Written written = SimulatedHistory.write(
                new ProspectSimulator(settings),
                warehouse,
                count -> LOG.info("Preparing a model: {} simulated events written", count));
        return String.format("%,d simulated events of %,d prospects", written.events(), SIMULATED_PROSPECTS);
    }
}
