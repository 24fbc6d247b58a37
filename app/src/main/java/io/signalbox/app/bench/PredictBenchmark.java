package io.signalbox.app.bench;

import static io.signalbox.app.bench.BenchTraffic.KEY;
import static io.signalbox.app.bench.BenchTraffic.TP2;
import static io.signalbox.app.bench.BenchTraffic.payload;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.app.EmbeddedNode;
import io.signalbox.app.NodeSettings;
import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.engine.warehouse.DuckDbWarehouse;
import io.signalbox.engine.warehouse.ImportFormat;
import io.signalbox.engine.warehouse.WarehouseImport;
import io.signalbox.scoring.model.ModelKind;
import io.signalbox.scoring.train.Training;
import io.signalbox.scoring.train.TrainingConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /predict} latency at a fixed 500 requests/s (open loop, from a separate process), including its call to the
 * Signals-compatible API over HTTP, against the ceiling of that call alone: {@code get-online-attributes} for the
 * same attributes and prospect at the same rate. The model is XGBoost on the default attributes, trained on the
 * tutorial's sample export at the start of the run. The node takes {@code /predict} load in rounds until the JIT
 * compiler is quiet ({@link CompilerWarmUp}) before either is measured.
 */
public final class PredictBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(PredictBenchmark.class);
    private static final int RATE = 500;
    private static final String[] PAGES = {"/", "/product", "/customers/globex", "/pricing", "/pricing", "/demo"};

    private final BenchTraffic traffic = new BenchTraffic();

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String description() {
        return "/predict latency at 500 requests/s including the API call, against the API call alone";
    }

    @Override
    public List<Figure> run(BenchOptions options) throws Exception {
        Path root = Path.of(System.getProperty("signalbox.root", "."));
        Path dataDir = options.workDir().resolve("predict-" + UUID.randomUUID());
        String group = trainModel(root, dataDir);
        NodeSettings settings =
                NodeSettings.local(dataDir, KEY).withDefinitionDirs(List.of(root.resolve("definitions")));
        List<Figure> figures = new ArrayList<>();
        try (EmbeddedNode node = EmbeddedNode.start(settings)) {
            String base = "http://127.0.0.1:" + node.port();
            String prospect = UUID.randomUUID().toString();
            browse(base, prospect);
            if (!node.processor().awaitCommitted(node.eventLogEnd(), Duration.ofMinutes(1))) {
                throw new IllegalStateException("the engine did not catch up with the collected events");
            }
            HttpResponse<String> sample = traffic.post(base + "/predict", "{\"domain_userid\":\"" + prospect + "\"}");
            if (sample.statusCode() != 200) {
                throw new IllegalStateException("/predict answered " + sample.statusCode() + ": " + sample.body());
            }
            LOG.info("predict: answer of {} bytes: {}", sample.body().length(), sample.body());
            byte[] predict = ("{\"domain_userid\":\"" + prospect + "\"}").getBytes(UTF_8);
            byte[] read = readRequest(root, group, prospect).getBytes(UTF_8);
            CompilerWarmUp.untilQuiet(
                    "predict",
                    () -> LoadRun.run(
                            spec(node.port(), "/predict", predict, CompilerWarmUp.round(options), List.of())));
            LoadRun.Result scored = LoadRun.run(spec(node.port(), "/predict", predict, options, List.of()));
            LoadRun.Result api = LoadRun.run(spec(
                    node.port(),
                    "/api/v1/get-online-attributes",
                    read,
                    options,
                    List.of("Authorization:Bearer " + KEY)));
            for (LoadRun.Result result : List.of(scored, api)) {
                if (result.status(200) < result.requests() || result.errors() > 0) {
                    throw new IllegalStateException(
                            "not every request was answered 200: " + result.statuses() + ", errors " + result.errors());
                }
            }
            for (String percentile : List.of("p50", "p99", "p99.9")) {
                figures.add(new Figure(
                        "predict_latency_" + percentile.replace(".", "_") + "_at_" + RATE + "_rps",
                        scored.latency(percentile),
                        "ms",
                        api.latency(percentile),
                        "the API read alone",
                        false));
            }
        }
        return figures;
    }

    /** Trains XGBoost on the sample export into the data directory's models; returns the group's full name. */
    private static String trainModel(Path root, Path dataDir) throws Exception {
        TrainingConfig sample = TrainingConfig.read(root.resolve("training/sample.yaml"));
        TrainingConfig config = new TrainingConfig(
                sample.trainingSet(),
                sample.split(),
                sample.testFraction(),
                1,
                List.of(),
                sample.models().stream()
                        .filter(m -> m.kind() == ModelKind.XGBOOST)
                        .toList(),
                ModelKind.XGBOOST,
                sample.seed());
        AttributeGroupDefinition group = DefinitionParser.parseDocument(
                        Files.readString(root.resolve("definitions/prospect_scoring_v2.json")))
                .attributeGroup(
                        config.trainingSet().attributeGroup().name(),
                        config.trainingSet().attributeGroup().version());
        Path history = dataDir.resolve("sample-history");
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.openInDataDir(history)) {
            new WarehouseImport(warehouse)
                    .importFile(root.resolve("samples/sample_events.csv.gz").normalize(), ImportFormat.AUTO);
            Training.run(
                    config,
                    group,
                    group.attributeKey(),
                    warehouse,
                    new Training.Paths(
                            "training/sample.yaml", "sample", history.resolve("reports"), dataDir.resolve("models")),
                    Instant.now(),
                    line -> LOG.info("predict: {}", line));
        }
        return group.fullName();
    }

    private static String readRequest(Path root, String groupFullName, String prospect) throws Exception {
        StringBuilder names = new StringBuilder();
        AttributeGroupDefinition group = DefinitionParser.parseDocument(
                        Files.readString(root.resolve("definitions/prospect_scoring_v2.json")))
                .attributeGroups()
                .getFirst();
        for (var attribute : group.attributes()) {
            names.append(names.isEmpty() ? "" : ",")
                    .append('"')
                    .append(groupFullName)
                    .append(':')
                    .append(attribute.name())
                    .append('"');
        }
        return "{\"attributes\":[" + names + "],\"attribute_keys\":{\"domain_userid\":[\"" + prospect + "\"]}}";
    }

    private void browse(String base, String prospect) throws Exception {
        StringBuilder data = new StringBuilder();
        String session = UUID.randomUUID().toString();
        for (int i = 0; i < PAGES.length; i++) {
            data.append(i == 0 ? "" : ",")
                    .append("{\"e\":\"pv\",\"tv\":\"js-4.6.8\",\"p\":\"web\",\"aid\":\"website\",\"eid\":\"")
                    .append(UUID.randomUUID())
                    .append("\",\"duid\":\"")
                    .append(prospect)
                    .append("\",\"sid\":\"")
                    .append(session)
                    .append("\",\"vid\":\"1\",\"dtm\":\"")
                    .append(System.currentTimeMillis())
                    .append("\",\"url\":\"https://www.acme.example")
                    .append(PAGES[i])
                    .append("\"}");
        }
        HttpResponse<String> answer = traffic.post(base + TP2, payload(data.toString()));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the collector answered " + answer.statusCode());
        }
    }

    private static LoadRun.Spec spec(int port, String path, byte[] body, BenchOptions options, List<String> headers) {
        return new LoadRun.Spec(
                port,
                "POST",
                path,
                "application/json",
                body,
                32,
                options.warmupSeconds(),
                options.durationSeconds(),
                RATE,
                headers);
    }
}
