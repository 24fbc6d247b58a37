package io.signalbox.scoring.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.engine.warehouse.DuckDbWarehouse;
import io.signalbox.scoring.training.TrainingSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial's protocol on Snowplow's sample export, through the warehouse and the engine's core: the training
 * frame the tutorial describes, and a balanced logistic regression whose mean ROC AUC over 20 stratified random
 * splits lands where the tutorial's does.
 */
class TutorialParityTest {
    @TempDir
    static Path dir;

    static DuckDbWarehouse warehouse;
    static TrainingConfig config;
    static AttributeGroupDefinition group;

    @BeforeAll
    static void load() throws Exception {
        warehouse = Fixtures.sampleWarehouse(dir);
        config = Fixtures.config("tutorial.yaml");
        group = Fixtures.group("prospect_scoring_tutorial.json", "prospect_scoring_tutorial", 1);
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    @Test
    void shouldBuildTheTutorialsTrainingFrame() {
        TrainingSet set = Fixtures.build(config, group, warehouse);

        assertThat(set.rows()).hasSize(3_539);
        assertThat(set.positives()).isEqualTo(384);
        assertThat(set.attributes()).containsExactly("num_page_views", "num_pricing_views", "num_customers_views");
    }

    @Test
    void shouldAverageTheTutorialsRocAucOverTwentySplits() {
        TrainingSet set = Fixtures.build(config, group, warehouse);

        List<TrainingRun.ModelResult> results =
                TrainingRun.run(config, set, Instant.parse("2026-12-04T00:00:00Z"), "sample", line -> {});

        TrainingRun.ModelResult regression = results.getFirst();
        System.out.printf(
                "tutorial parity: %d rows, %d positive; mean ROC AUC over %d splits %.4f (min %.4f, max %.4f)%n",
                set.rows().size(),
                set.positives(),
                regression.repeatedRocAucs().size(),
                regression.meanRepeatedRocAuc(),
                regression.repeatedRocAucs().stream().mapToDouble(d -> d).min().orElseThrow(),
                regression.repeatedRocAucs().stream().mapToDouble(d -> d).max().orElseThrow());
        assertThat(regression.repeatedRocAucs()).hasSize(20);
        assertThat(regression.meanRepeatedRocAuc()).isBetween(0.69, 0.75);
    }
}
