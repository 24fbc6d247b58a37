package io.signalbox.scoring.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.engine.warehouse.DuckDbWarehouse;
import io.signalbox.events.Json;
import io.signalbox.scoring.simulator.ProspectSimulator;
import io.signalbox.scoring.simulator.SimulatedHistory;
import io.signalbox.scoring.simulator.SimulationSettings;
import io.signalbox.scoring.training.SplitKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The project's default attributes (prospect_scoring v2) and model (XGBoost), trained as {@code signalbox train}
 * does: on the tutorial's frame of the sample export, and on a simulated month of 5,000 prospects.
 */
class DefaultModelTest {
    private static final Instant NOW = Instant.parse("2026-12-04T06:00:00Z");

    @TempDir
    Path dir;

    private static AttributeGroupDefinition defaultGroup() throws Exception {
        return Fixtures.group("prospect_scoring_v2.json", "prospect_scoring", 2);
    }

    @Test
    void shouldBeatTheTutorialOnItsOwnFrame() throws Exception {
        TrainingConfig config = Fixtures.config("sample.yaml");
        try (DuckDbWarehouse warehouse = Fixtures.sampleWarehouse(dir.resolve("warehouse"))) {
            Training.Outcome outcome = Training.run(
                    config,
                    defaultGroup(),
                    defaultGroup().attributeKey(),
                    warehouse,
                    new Training.Paths("training/sample.yaml", "sample", dir.resolve("reports"), dir.resolve("models")),
                    NOW,
                    line -> {});

            assertThat(outcome.set().rows()).hasSize(3_539);
            assertThat(outcome.set().positives()).isEqualTo(384);
            TrainingRun.ModelResult trees = outcome.served();
            System.out.printf(
                    "default model on the sample: mean ROC AUC over %d splits %.4f; split by time %.4f%n",
                    trees.repeatedRocAucs().size(),
                    trees.meanRepeatedRocAuc(),
                    trees.otherSplits().get(SplitKind.TIME).rocAuc());
            assertThat(trees.model().info().kind()).isEqualTo("xgboost");
            assertThat(trees.repeatedRocAucs()).hasSize(20);
            assertThat(trees.meanRepeatedRocAuc()).isGreaterThanOrEqualTo(0.90);
            JsonNode metrics = metrics(outcome, trees);
            assertThat(metrics.path("repeated_random_splits")
                            .path("roc_auc_mean")
                            .asDouble())
                    .isEqualTo(trees.meanRepeatedRocAuc());
            assertThat(metrics.path("other_splits").path("time").path("roc_auc").isNumber())
                    .isTrue();
            assertThat(Files.readString(report(outcome, trees))).contains("| time |");
        }
    }

    @Test
    void shouldBeCalibratedOnASimulatedMonthJudgedOnItsNewestRows() throws Exception {
        TrainingConfig config = Fixtures.config("prospect_scoring.yaml");
        SimulationSettings simulation = SimulationSettings.defaults(NOW);
        assertThat(simulation.prospects()).isGreaterThanOrEqualTo(5_000);
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.openInDataDir(dir.resolve("warehouse"))) {
            SimulatedHistory.write(new ProspectSimulator(simulation), warehouse, count -> {});
            Training.Outcome outcome = Training.run(
                    config,
                    defaultGroup(),
                    defaultGroup().attributeKey(),
                    warehouse,
                    new Training.Paths(
                            "training/prospect_scoring.yaml",
                            "simulation",
                            dir.resolve("reports"),
                            dir.resolve("models")),
                    NOW,
                    line -> {});

            TrainingRun.ModelResult served = outcome.served();
            JsonNode metrics = metrics(outcome, served);
            System.out.printf(
                    "default model on a simulated month: %,d rows, %,d positive; by time: ROC AUC %.4f, PR AUC %.4f,"
                            + " calibration error %.4f (base rate %.4f)%n",
                    outcome.set().rows().size(),
                    outcome.set().positives(),
                    served.test().rocAuc(),
                    served.test().prAuc(),
                    served.test().expectedCalibrationError(),
                    served.test().baseRate());
            assertThat(served.split().kind()).isEqualTo(SplitKind.TIME);
            assertThat(metrics.path("roc_auc").asDouble())
                    .isEqualTo(served.test().rocAuc())
                    .isGreaterThan(0.7);
            assertThat(metrics.path("pr_auc").asDouble())
                    .isGreaterThan(served.test().baseRate());
            assertThat(metrics.path("expected_calibration_error").asDouble()).isLessThanOrEqualTo(0.05);
            assertThat(outcome.servedFile()).exists();
            Path folder = report(outcome, served).getParent();
            for (String file : new String[] {"roc.png", "pr.png", "calibration.png", "importance.png"}) {
                assertThat(Files.readAllBytes(folder.resolve(file))).as(file).startsWith(0x89, 'P', 'N', 'G');
            }
        }
    }

    @Test
    void shouldLearnAnotherGoalFromConfigurationAlone() throws Exception {
        TrainingConfig config = Fixtures.config("pricing_within_10_minutes.yaml");
        try (DuckDbWarehouse warehouse = Fixtures.sampleWarehouse(dir.resolve("warehouse"))) {
            Training.Outcome outcome = Training.run(
                    config,
                    defaultGroup(),
                    defaultGroup().attributeKey(),
                    warehouse,
                    new Training.Paths("pricing", "sample", dir.resolve("reports"), null),
                    NOW,
                    line -> {});

            System.out.printf(
                    "pricing within 10 minutes on the sample: %,d rows, %,d positive, ROC AUC by time %.4f%n",
                    outcome.set().rows().size(),
                    outcome.set().positives(),
                    outcome.served().test().rocAuc());
            assertThat(outcome.set().positives()).isGreaterThan(30);
            assertThat(outcome.set().rows().size() - outcome.set().positives()).isGreaterThan(100);
            assertThat(outcome.served().test().rocAuc()).isGreaterThan(0.6);
            assertThat(outcome.servedFile()).isNull();
        }
    }

    private static JsonNode metrics(Training.Outcome outcome, TrainingRun.ModelResult result) throws Exception {
        return Json.parse(Files.readString(report(outcome, result).resolveSibling("metrics.json")));
    }

    private static Path report(Training.Outcome outcome, TrainingRun.ModelResult result) {
        return outcome.reports().get(outcome.results().indexOf(result)).resolve("report.md");
    }
}
