package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import io.signalbox.scoring.model.ModelFiles;
import io.signalbox.scoring.model.Prediction;
import io.signalbox.scoring.model.TrainedModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * {@code signalbox train} on the sample export, then {@code /predict} on a running node with the model it wrote:
 * attributes read through the API, scored and explained; unknown prospects scored from defaults; bad requests
 * refused; a newer model picked up without a restart.
 */
class PredictHttpTest {
    @TempDir
    static Path dir;

    static String trainOutput;
    static Path servedFile;

    @BeforeAll
    static void train() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(Main.class)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(
                        "train",
                        "--config",
                        Clients.root().resolve("training/sample.yaml").toString(),
                        "--data",
                        Clients.root().resolve("samples/sample_events.csv.gz").toString(),
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--definitions",
                        Clients.root().resolve("definitions").toString());
        trainOutput = out.toString();
        assertThat(exit).as(out + "\n" + err).isZero();
        servedFile = new ModelFiles().list(dir.resolve("data/models")).getFirst();
    }

    @Test
    void shouldReportEveryModelAndServeTheConfiguredOne() throws Exception {
        assertThat(trainOutput)
                .contains("5398 lines read, 5398 rows imported")
                .contains("mean ROC AUC over 20 random splits")
                .contains("split by time: ROC AUC")
                .contains("Serving model: ");
        assertThat(servedFile.getFileName().toString()).endsWith("-xgboost.model.json");
        Path reports = dir.resolve("data/reports");
        try (var folders = Files.list(reports)) {
            for (Path folder : folders.toList()) {
                assertThat(folder.resolve("report.md")).exists();
                assertThat(folder.resolve("roc.png")).exists();
                JsonNode metrics = Json.parse(Files.readString(folder.resolve("metrics.json")));
                for (String key : List.of(
                        "roc_auc",
                        "pr_auc",
                        "log_loss",
                        "brier",
                        "expected_calibration_error",
                        "confusion_matrix",
                        "calibration",
                        "feature_importance",
                        "repeated_random_splits")) {
                    assertThat(metrics.has(key))
                            .as(folder.getFileName() + " " + key)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void shouldScoreAProspectFromTheAttributesTheApiServes() throws Exception {
        try (TestNode node = node("known")) {
            ApiClient collector = new ApiClient(node.baseUrl(), TestNode.API_KEY);
            String prospect = UUID.randomUUID().toString();
            for (String page : List.of("/", "/customers", "/pricing", "/pricing")) {
                pageView(collector, prospect, page);
            }
            node.awaitProcessed();

            ApiClient.Answer answer = predict(node, "{\"domain_userid\": \"" + prospect + "\"}");

            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            JsonNode body = answer.body();
            assertThat(body.path("signals").path("num_pricing_views_l1h").asInt())
                    .isEqualTo(2);
            assertThat(body.path("signals").path("num_page_views").asInt()).isEqualTo(4);
            TrainedModel model = new ModelFiles().load(servedFile);
            Prediction expected = model.predict(javaValues(body.path("signals")));
            assertThat(body.path("score").asDouble())
                    .isCloseTo(expected.score(), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(body.path("decision").asBoolean()).isEqualTo(expected.decision());
            assertThat(body.path("model_version").asString())
                    .isEqualTo(model.info().version());
            assertThat(body.path("explanations").propertyNames())
                    .containsAll(model.info().attributes());
            assertThat(body.path("scoring_attributes")
                            .path("num_customers_views_l30d")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldScoreAnUnknownProspectFromDefaultsAndRefuseBadRequests() throws Exception {
        try (TestNode node = node("unknown")) {
            ApiClient.Answer unknown = predict(node, "{\"domain_userid\": \"never-seen\"}");
            assertThat(unknown.status()).isEqualTo(200);
            assertThat(unknown.body().path("score").asDouble()).isBetween(0.0, 1.0);
            assertThat(unknown.body().path("signals").path("num_page_views").isNull())
                    .isTrue();
            assertThat(unknown.body()
                            .path("scoring_attributes")
                            .path("num_page_views")
                            .asInt())
                    .isZero();

            for (String bad : List.of(
                    "not json",
                    "{}",
                    "{\"domain_userid\": 42}",
                    "[]",
                    "{\"domain_userid\": \"" + "x".repeat(300) + "\"}")) {
                ApiClient.Answer answer = predict(node, bad);
                assertThat(answer.status())
                        .as(bad.length() > 40 ? bad.substring(0, 40) : bad)
                        .isEqualTo(400);
                assertThat(answer.body().path("error").asString()).isNotBlank();
            }
            ApiClient.Answer tooLarge = predict(node, "{\"domain_userid\": \"" + "y".repeat(20_000) + "\"}");
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.body().path("error").asString()).contains("limit of 16384 bytes");
        }
    }

    @Test
    void shouldAnswer503WithoutAModelAndPickUpANewOneWithoutARestart() throws Exception {
        Path dataDir = dir.resolve("fresh");
        try (TestNode node = TestNode.start(NodeSettings.local(dataDir, TestNode.API_KEY)
                .withDefinitionDirs(List.of(Clients.root().resolve("definitions"))))) {
            ApiClient.Answer none = predict(node, "{\"domain_userid\": \"someone\"}");
            assertThat(none.status()).isEqualTo(503);
            assertThat(none.body().path("error").asString()).contains("signalbox train");

            Files.createDirectories(dataDir.resolve("models"));
            Files.copy(servedFile, dataDir.resolve("models").resolve(servedFile.getFileName()));

            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            ApiClient.Answer answer = none;
            while (answer.status() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                answer = predict(node, "{\"domain_userid\": \"someone\"}");
            }
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("model_version").asString())
                    .isEqualTo(servedFile.getFileName().toString().replace(ModelFiles.SUFFIX, ""));
        }
    }

    private static TestNode node(String name) throws Exception {
        Path dataDir = dir.resolve(name);
        Files.createDirectories(dataDir.resolve("models"));
        Files.copy(servedFile, dataDir.resolve("models").resolve(servedFile.getFileName()));
        return TestNode.start(NodeSettings.local(dataDir, TestNode.API_KEY)
                .withDefinitionDirs(List.of(Clients.root().resolve("definitions"))));
    }

    private static ApiClient.Answer predict(TestNode node, String body) {
        return new ApiClient(node.baseUrl(), null).post("/predict", body);
    }

    private static void pageView(ApiClient collector, String prospect, String path) {
        String body = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":[{"
                + "\"e\":\"pv\",\"p\":\"web\",\"tv\":\"js-4.6.8\",\"aid\":\"website\",\"eid\":\"" + UUID.randomUUID()
                + "\",\"duid\":\"" + prospect + "\",\"sid\":\"" + UUID.randomUUID() + "\",\"vid\":\"1\","
                + "\"url\":\"https://www.acme.example" + path + "\",\"dtm\":\"" + System.currentTimeMillis()
                + "\",\"stm\":\"" + System.currentTimeMillis() + "\"}]}";
        ApiClient.Answer answer = collector.post("/com.snowplowanalytics.snowplow/tp2", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    private static Map<String, Object> javaValues(JsonNode signals) {
        Map<String, Object> values = new HashMap<>();
        signals.properties().forEach(e -> {
            JsonNode v = e.getValue();
            values.put(
                    e.getKey(),
                    v.isNull()
                            ? null
                            : v.isIntegralNumber()
                                    ? (Object) v.asLong()
                                    : v.isNumber()
                                            ? (Object) v.asDouble()
                                            : v.isString() ? v.asString() : v.toString());
        });
        return values;
    }
}
