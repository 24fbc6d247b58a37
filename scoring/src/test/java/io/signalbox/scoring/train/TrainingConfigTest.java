package io.signalbox.scoring.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.attributes.DefinitionParser;
import io.signalbox.scoring.model.ModelKind;
import io.signalbox.scoring.training.FeatureTime;
import io.signalbox.scoring.training.SplitKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingConfigTest {
    private static final String MINIMAL = """
            attribute_group: {name: prospect_scoring, version: 2}
            goal:
              events: [{vendor: com.snowplowanalytics.snowplow, name: submit_form}]
              horizon: PT1H
            """;

    private static TrainingConfig parse(String yaml) {
        return TrainingConfig.parse(DefinitionParser.readTree(yaml));
    }

    @Test
    void shouldFillDefaultsAroundTheGoal() {
        TrainingConfig config = parse(MINIMAL);

        assertThat(config.trainingSet().horizon()).isEqualTo(Duration.ofHours(1));
        assertThat(config.trainingSet().featuresAt()).isEqualTo(FeatureTime.AFTER_ANCHOR);
        assertThat(config.trainingSet().keepCensored()).isFalse();
        assertThat(config.split()).isEqualTo(SplitKind.TIME);
        assertThat(config.models())
                .extracting(m -> m.kind())
                .containsExactly(ModelKind.LOGISTIC_REGRESSION, ModelKind.XGBOOST);
        assertThat(config.serve()).isEqualTo(ModelKind.XGBOOST);
        assertThat(config.seed()).isEqualTo(42);
    }

    @Test
    void shouldReadEveryProjectConfiguration() throws Exception {
        try (var files = Files.list(Fixtures.root().resolve("training"))) {
            for (Path file : files.toList()) {
                assertThat(TrainingConfig.read(file)).as(file.toString()).isNotNull();
            }
        }
    }

    @Test
    void shouldNameTheSettingAndTheValueOfAMistake() {
        assertThatThrownBy(() -> parse(MINIMAL + "evaluation: {split: sideways}\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evaluation.split must be one of random, key, time, was \"sideways\"");
        assertThatThrownBy(() -> parse(MINIMAL.replace("PT1H", "PT0S")))
                .hasMessage("goal.horizon must be positive, was PT0S");
        assertThatThrownBy(() -> parse(MINIMAL.replace("PT1H", "an hour")))
                .hasMessage("goal.horizon must be an ISO-8601 duration such as PT1H, was \"an hour\"");
        assertThatThrownBy(() -> parse(MINIMAL + "modles: []\n")).hasMessageStartingWith("unknown setting 'modles'");
        assertThatThrownBy(() -> parse(MINIMAL + "models: [{kind: xgboost, max_depth: 40}]\n"))
                .hasMessageContaining("models[0].max_rounds must be 1 to 10000, max_depth 1 to 16");
        assertThatThrownBy(() -> parse(MINIMAL + "models: [{kind: xgboost}]\nserve: logistic_regression\n"))
                .hasMessage("training: serve is logistic_regression, which is not among the models");
        assertThatThrownBy(() -> parse(MINIMAL + "evaluation: {test_fraction: 1.5}\n"))
                .hasMessage("evaluation.test_fraction must be between 0 and 1, was 1.5");
    }

    @Test
    void shouldRefuseGoalsTheEngineWouldRefuseAsAttributes() {
        TrainingConfig config = parse(MINIMAL.replace("name: submit_form", "name: \"submit form!\""));
        var group = io.signalbox.attributes.DefinitionParser.parseDocument("""
                        {"attribute_groups": [{"name": "g", "attribute_key": {"name": "domain_userid"},
                          "attributes": [{"name": "n", "type": "int64", "aggregation": "counter"}]}]}""")
                .attributeGroups()
                .getFirst();
        var compiled = io.signalbox.attributes.core.CompiledGroup.compile(group, group.attributeKey());

        assertThatThrownBy(() -> new io.signalbox.scoring.training.TrainingSetBuilder(compiled, config.trainingSet()))
                .isInstanceOf(io.signalbox.attributes.DefinitionException.class)
                .hasMessageContaining("submit form!");
    }

    @Test
    void shouldRefuseFilesOverTheSizeLimit(@TempDir Path dir) throws Exception {
        Path big = Files.writeString(dir.resolve("big.yaml"), MINIMAL + "#" + "x".repeat(1 << 20) + "\n");

        assertThatThrownBy(() -> TrainingConfig.read(big))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is larger than the limit of 1048576 bytes");
    }
}
