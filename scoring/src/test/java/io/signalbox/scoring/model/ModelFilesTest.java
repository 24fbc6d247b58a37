package io.signalbox.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.events.Json;
import io.signalbox.scoring.predict.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models written to files and read back score exactly as before; a server's store picks up newer files. */
class ModelFilesTest {
    private static final AttributeGroupDefinition GROUP =
            DefinitionParser.parseDocument("""
                    {"attribute_groups": [{"name": "visits", "version": 3,
                      "attribute_key": {"name": "domain_userid"},
                      "attributes": [
                        {"name": "views", "type": "int64", "aggregation": "counter"},
                        {"name": "minutes_since_last", "type": "double", "aggregation": "time_since_last",
                         "time_unit": "min"},
                        {"name": "device", "type": "string", "aggregation": "last",
                         "property": {"type": "atomic", "name": "app_id"}},
                        {"name": "pages", "type": "string_list", "aggregation": "unique_list",
                         "property": {"type": "atomic", "name": "page_urlpath"}}]}]}""").attributeGroups().getFirst();

    @TempDir
    Path dir;

    /** Rows where more views and a desktop device make the goal likelier. */
    private static List<Map<String, Object>> rows(Random random, int count) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("views", (long) random.nextInt(20));
            row.put("minutes_since_last", random.nextInt(10) == 0 ? null : random.nextDouble() * 60);
            row.put("device", random.nextBoolean() ? "Desktop" : "Phone");
            row.put("pages", List.of("/", "/pricing").subList(0, random.nextInt(3)));
            rows.add(row);
        }
        return rows;
    }

    private static boolean[] labels(List<Map<String, Object>> rows, Random random) {
        boolean[] labels = new boolean[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            double logOdds = -3
                    + 0.25 * (Long) rows.get(i).get("views")
                    + ("Desktop".equals(rows.get(i).get("device")) ? 1 : 0);
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-logOdds));
        }
        return labels;
    }

    private TrainedModel trained(ModelKind kind, String version) {
        Random random = new Random(7);
        List<Map<String, Object>> rows = rows(random, 2_000);
        boolean[] labels = labels(rows, random);
        List<Map<String, Object>> held = rows(random, 400);
        TrainedModel model = ModelTrainer.fit(
                GROUP, rows, labels, held, labels(held, random), ModelTrainer.Options.defaults(kind, 42));
        ModelInfo info = new ModelInfo(
                version,
                kind.wireName(),
                "visits",
                3,
                model.info().attributes(),
                0.4,
                Instant.parse("2026-12-04T05:00:00Z"));
        return model.with(info, Json.NODES.objectNode().put("data", "test"), Json.NODES.objectNode());
    }

    @Test
    void shouldScoreTheSameAfterARoundTrip() throws IOException {
        for (ModelKind kind : ModelKind.values()) {
            TrainedModel model = trained(kind, "20261204T050000Z-" + kind.wireName());
            Path file = ModelFiles.write(model, dir);
            TrainedModel read = new ModelFiles().load(file);
            for (Map<String, Object> row : rows(new Random(99), 50)) {
                Prediction before = model.predict(row);
                Prediction after = read.predict(row);
                assertThat(after.score()).as(kind + " " + row).isEqualTo(before.score());
                assertThat(after.explanations()).isEqualTo(before.explanations());
            }
            assertThat(read.info()).isEqualTo(model.info());
            assertThat(read.training().path("data").asString()).isEqualTo("test");
        }
    }

    @Test
    void shouldExplainScoresWithContributionsThatAddUpToTheLogOdds() {
        for (ModelKind kind : ModelKind.values()) {
            TrainedModel model = trained(kind, "v-" + kind.wireName());
            Map<String, Object> row = Map.of("views", 15L, "device", "Desktop", "pages", List.of("/pricing"));

            Prediction prediction = model.predict(row);
            double[] contributions =
                    model.scorer().contributions(model.encoder().encode(row));
            double bias = contributions[contributions.length - 1];
            double sum = bias
                    + prediction.explanations().values().stream()
                            .mapToDouble(d -> d)
                            .sum();

            assertThat(1 / (1 + Math.exp(-sum)))
                    .as(kind.wireName())
                    .isCloseTo(prediction.score(), org.assertj.core.api.Assertions.within(1e-5));
            assertThat(prediction.explanations().keySet().iterator().next())
                    .as(kind.wireName())
                    .isEqualTo("views");
            assertThat(prediction.decision()).isEqualTo(prediction.score() >= 0.4);
        }
    }

    @Test
    void shouldScoreAnUnknownProspectFromDefaults() {
        TrainedModel model = trained(ModelKind.XGBOOST, "v1");
        Map<String, Object> unknown = new HashMap<>();
        GROUP.attributes().forEach(a -> unknown.put(a.name(), null));

        Prediction prediction = model.predict(unknown);

        assertThat(prediction.score()).isBetween(0.0, 1.0);
        assertThat(prediction.scoringAttributes())
                .containsEntry("views", 0L)
                .containsEntry("minutes_since_last", null)
                .containsEntry("pages", List.of());
    }

    @Test
    void shouldRefuseFilesThatAreNotModels() throws IOException {
        Path notJson = Files.writeString(dir.resolve("broken" + ModelFiles.SUFFIX), "{\"format\": \"signalbox-model\"");
        Path wrongFormat = Files.writeString(dir.resolve("other" + ModelFiles.SUFFIX), "{\"format\": \"onnx\"}");
        Path future = Files.writeString(
                dir.resolve("future" + ModelFiles.SUFFIX), "{\"format\": \"signalbox-model\", \"format_version\": 9}");

        assertThatThrownBy(() -> new ModelFiles().load(notJson))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not a valid model");
        assertThatThrownBy(() -> new ModelFiles().load(wrongFormat))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format must be signalbox-model");
        assertThatThrownBy(() -> new ModelFiles().load(future))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format_version 9 is not supported");
    }

    @Test
    void shouldServeTheNewestModelAndPickUpANewerOneWithoutARestart() throws Exception {
        ModelFiles.write(trained(ModelKind.LOGISTIC_REGRESSION, "20261201T000000Z-logistic_regression"), dir);
        Files.writeString(dir.resolve("20261130T000000Z-broken" + ModelFiles.SUFFIX), "not a model");
        try (ModelStore store = ModelStore.open(dir, new ModelFiles(), Duration.ofMillis(50))) {
            assertThat(store.current().orElseThrow().info().version())
                    .isEqualTo("20261201T000000Z-logistic_regression");

            Files.writeString(dir.resolve("20261203T000000Z-broken" + ModelFiles.SUFFIX), "not a model either");
            ModelFiles.write(trained(ModelKind.XGBOOST, "20261202T000000Z-xgboost"), dir);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!store.current().orElseThrow().info().version().equals("20261202T000000Z-xgboost")
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(store.current().orElseThrow().info().version()).isEqualTo("20261202T000000Z-xgboost");
        }
    }
}
