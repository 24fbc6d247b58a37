package io.signalbox.scoring.train;

import io.signalbox.attributes.IsoDurations;
import io.signalbox.events.Json;
import io.signalbox.scoring.evaluation.Evaluation;
import io.signalbox.scoring.model.ModelFiles;
import io.signalbox.scoring.model.ModelInfo;
import io.signalbox.scoring.model.ModelTrainer;
import io.signalbox.scoring.training.SplitKind;
import io.signalbox.scoring.training.TrainingSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The report of a trained model: {@code report.md} with PNG plots beside it, {@code metrics.json} with every figure
 * of the report in snake_case keys, and a copy of the model file.
 */
public final class Reports {
    private Reports() {}

    /** What the model file records of how the model was trained. */
    static ObjectNode trainingRecord(
            TrainingConfig config,
            TrainingSet set,
            ModelTrainer.Options options,
            TrainingRun.ModelResult result,
            String dataDescription) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("data", dataDescription);
        node.put("attribute_key", set.group().attributeKey().name());
        ObjectNode goal = node.putObject("goal");
        goal.set("selection", config.trainingSet().goal());
        goal.put("horizon", IsoDurations.format(config.trainingSet().horizon()));
        ObjectNode anchors = node.putObject("anchors");
        anchors.set("selection", config.trainingSet().anchorEvents());
        if (config.trainingSet().every() != null) {
            anchors.put("every", IsoDurations.format(config.trainingSet().every()));
            anchors.put("active_for", IsoDurations.format(config.trainingSet().activeFor()));
        }
        node.put("features_at", config.trainingSet().featuresAt().wireName());
        node.put("censored", config.trainingSet().keepCensored() ? "keep" : "drop");
        node.put("split", result.split().description());
        node.put("seed", config.seed());
        ObjectNode model = node.putObject("model_options");
        model.put("kind", options.kind().wireName());
        switch (options.kind()) {
            case LOGISTIC_REGRESSION ->
                model.put("class_weight", options.balancedClassWeights() ? "balanced" : "none")
                        .put("l2", options.l2());
            case XGBOOST ->
                model.put("rounds", result.rounds())
                        .put("max_depth", options.maxDepth())
                        .put("learning_rate", options.learningRate());
        }
        node.set("training_set", trainingSet(set));
        node.put("train_rows", result.split().train().size());
        node.put("test_rows", result.split().test().size());
        return node;
    }

    private static ObjectNode trainingSet(TrainingSet set) {
        return Json.NODES
                .objectNode()
                .put("events", set.events())
                .put("anchors", set.anchorsSeen())
                .put("left_out_after_conversion", set.afterConversion())
                .put("left_out_censored", set.censored())
                .put("rows", set.rows().size())
                .put("positives", set.positives())
                .put("keys", set.keys());
    }

    /** Every figure of the report, for machines. */
    static ObjectNode metrics(ModelInfo info, TrainingSet set, TrainingRun.ModelResult result) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("model_version", info.version());
        node.put("kind", info.kind());
        node.put("attribute_group", info.groupFullName());
        node.put("split", result.split().description());
        node.put("train_rows", result.split().train().size());
        node.put(
                "train_positives",
                result.split().train().stream().filter(r -> r.label()).count());
        figures(node, result.test());
        ObjectNode importance = node.putObject("feature_importance");
        result.importance().forEach(importance::put);
        if (!result.repeatedRocAucs().isEmpty()) {
            ObjectNode repeated = node.putObject("repeated_random_splits");
            repeated.put("repeats", result.repeatedRocAucs().size());
            repeated.put("roc_auc_mean", result.meanRepeatedRocAuc());
            repeated.put(
                    "roc_auc_min",
                    result.repeatedRocAucs().stream().mapToDouble(d -> d).min().orElse(0));
            repeated.put(
                    "roc_auc_max",
                    result.repeatedRocAucs().stream().mapToDouble(d -> d).max().orElse(0));
            ArrayNode all = repeated.putArray("roc_auc");
            result.repeatedRocAucs().forEach(all::add);
        }
        if (!result.otherSplits().isEmpty()) {
            ObjectNode others = node.putObject("other_splits");
            result.otherSplits().forEach((kind, evaluation) -> figures(others.putObject(kind.wireName()), evaluation));
        }
        node.set("training_set", trainingSet(set));
        return node;
    }

    private static void figures(ObjectNode node, Evaluation.Result result) {
        node.put("test_rows", result.rows());
        node.put("test_positives", result.positives());
        node.put("base_rate", result.baseRate());
        node.put("roc_auc", result.rocAuc());
        node.put("pr_auc", result.prAuc());
        node.put("log_loss", result.logLoss());
        node.put("brier", result.brier());
        node.put("expected_calibration_error", result.expectedCalibrationError());
        Evaluation.Confusion confusion = result.confusion();
        node.put("threshold", confusion.threshold());
        node.put("accuracy", confusion.accuracy());
        node.put("precision", confusion.precision());
        node.put("recall", confusion.recall());
        node.put("f1", confusion.f1());
        node.putObject("confusion_matrix")
                .put("true_positives", confusion.truePositives())
                .put("false_positives", confusion.falsePositives())
                .put("true_negatives", confusion.trueNegatives())
                .put("false_negatives", confusion.falseNegatives());
        ArrayNode calibration = node.putArray("calibration");
        for (Evaluation.Bin bin : result.calibration()) {
            calibration
                    .addObject()
                    .put("from", bin.from())
                    .put("to", bin.to())
                    .put("rows", bin.rows())
                    .put("mean_score", bin.meanScore())
                    .put("observed_rate", bin.observedRate());
        }
        node.set("roc_curve", points(result.roc()));
        node.set("pr_curve", points(result.precisionRecall()));
    }

    private static ArrayNode points(List<Evaluation.Point> points) {
        ArrayNode out = Json.NODES.arrayNode();
        points.forEach(p -> out.addArray().add(p.x()).add(p.y()));
        return out;
    }

    /**
     * Writes a model's report into {@code directory/<version>/} and returns that folder.
     *
     * @param trainingConfig the file the configuration came from, for the report's text
     */
    public static Path write(Path directory, TrainingRun.ModelResult result, TrainingSet set, String trainingConfig)
            throws IOException {
        ModelInfo info = result.model().info();
        Path folder = directory.resolve(info.version());
        Files.createDirectories(folder);
        Files.writeString(
                folder.resolve("metrics.json"),
                Json.MAPPER
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(result.model().metrics()));
        Charts.roc(folder.resolve("roc.png"), result.test(), result.otherSplits());
        Charts.precisionRecall(folder.resolve("pr.png"), result.test());
        Charts.calibration(folder.resolve("calibration.png"), result.test());
        Charts.importance(folder.resolve("importance.png"), result.importance());
        ModelFiles.write(result.model(), folder);
        Files.writeString(folder.resolve("report.md"), markdown(result, set, trainingConfig));
        return folder;
    }

    private static String markdown(TrainingRun.ModelResult result, TrainingSet set, String trainingConfig) {
        ModelInfo info = result.model().info();
        JsonNode training = result.model().training();
        Evaluation.Result test = result.test();
        StringBuilder md = new StringBuilder();
        md.append("# Model ").append(info.version()).append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%s model of the attribute group `%s`, trained %s from %s with `%s`.%n%n",
                info.kind().equals("xgboost") ? "An XGBoost" : "A logistic regression",
                info.groupFullName(),
                info.trainedAt(),
                training.path("data").asString(),
                trainingConfig));
        md.append("| | |\n|---|---|\n");
        md.append("| goal | ")
                .append(training.path("goal").path("selection").toString().replace("|", "\\|"))
                .append(" within ")
                .append(training.path("goal").path("horizon").asString())
                .append(" |\n");
        md.append("| anchors | ")
                .append(training.path("anchors").path("selection").toString().replace("|", "\\|"));
        if (training.path("anchors").has("every")) {
            md.append(", every ")
                    .append(training.path("anchors").path("every").asString())
                    .append(" while active ")
                    .append(training.path("anchors").path("active_for").asString());
        }
        md.append(" |\n");
        md.append("| features | ")
                .append(training.path("features_at").asString().replace('_', ' '))
                .append(": ")
                .append(String.join(", ", info.attributes()))
                .append(" |\n");
        md.append(String.format(
                Locale.ROOT,
                "| training set | %,d events, %,d anchors, %,d rows of %,d prospects, %,d positive; left out: %,d after"
                        + " conversion, %,d censored (%s) |%n",
                set.events(),
                set.anchorsSeen(),
                set.rows().size(),
                set.keys(),
                set.positives(),
                set.afterConversion(),
                set.censored(),
                training.path("censored").asString()));
        md.append("| split | ")
                .append(result.split().description())
                .append(String.format(
                        Locale.ROOT,
                        ": %,d training rows, %,d test rows |%n",
                        result.split().train().size(),
                        test.rows()));
        md.append("| model | ")
                .append(training.path("model_options").toString().replace("|", "\\|"))
                .append(" |\n\n");

        md.append("## On the test rows\n\n");
        md.append("| figure | value |\n|---|---|\n");
        row(md, "ROC AUC", test.rocAuc());
        row(md, "PR AUC (average precision)", test.prAuc());
        row(md, "base rate", test.baseRate());
        row(md, "log loss", test.logLoss());
        row(md, "Brier score", test.brier());
        row(md, "expected calibration error (10 bins)", test.expectedCalibrationError());
        Evaluation.Confusion confusion = test.confusion();
        row(md, "threshold (best F1 on validation rows)", confusion.threshold());
        row(md, "accuracy", confusion.accuracy());
        row(md, "precision", confusion.precision());
        row(md, "recall", confusion.recall());
        row(md, "F1", confusion.f1());
        md.append("\nConfusion matrix at the threshold:\n\n");
        md.append("| | predicted goal | predicted no goal |\n|---|---|---|\n");
        md.append(String.format(
                Locale.ROOT,
                "| goal | %,d | %,d |%n| no goal | %,d | %,d |%n%n",
                confusion.truePositives(),
                confusion.falseNegatives(),
                confusion.falsePositives(),
                confusion.trueNegatives()));

        if (!result.repeatedRocAucs().isEmpty()) {
            md.append(String.format(
                    Locale.ROOT,
                    "Over %d random stratified splits (seeds %d to %d): mean ROC AUC **%.4f**, min %.4f, max %.4f.%n%n",
                    result.repeatedRocAucs().size(),
                    training.path("seed").asLong(),
                    training.path("seed").asLong() + result.repeatedRocAucs().size() - 1,
                    result.meanRepeatedRocAuc(),
                    result.repeatedRocAucs().stream().mapToDouble(d -> d).min().orElse(0),
                    result.repeatedRocAucs().stream().mapToDouble(d -> d).max().orElse(0)));
        }
        if (!result.otherSplits().isEmpty()) {
            md.append("## Other splits\n\n");
            md.append("| split | test rows | positives | ROC AUC | PR AUC | log loss | Brier | calibration error |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            for (Map.Entry<SplitKind, Evaluation.Result> entry :
                    result.otherSplits().entrySet()) {
                Evaluation.Result other = entry.getValue();
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %,d | %,d | %.4f | %.4f | %.4f | %.4f | %.4f |%n",
                        entry.getKey().wireName(),
                        other.rows(),
                        other.positives(),
                        other.rocAuc(),
                        other.prAuc(),
                        other.logLoss(),
                        other.brier(),
                        other.expectedCalibrationError()));
            }
            md.append('\n');
        }
        md.append("## Curves\n\n![ROC curve](roc.png)\n![Precision-recall curve](pr.png)\n\n");
        md.append("## Calibration\n\n![Calibration curve](calibration.png)\n\n");
        md.append("| scores | rows | mean score | observed rate |\n|---|---|---|---|\n");
        for (Evaluation.Bin bin : test.calibration()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %.1f–%.1f | %,d | %.4f | %.4f |%n",
                    bin.from(),
                    bin.to(),
                    bin.rows(),
                    bin.meanScore(),
                    bin.observedRate()));
        }
        md.append("\n## Feature importance\n\n");
        md.append("Mean absolute contribution to the log-odds over the test rows (")
                .append(info.kind().equals("xgboost") ? "SHAP values" : "coefficient times standardised input")
                .append(").\n\n![Feature importance](importance.png)\n\n| attribute | importance |\n|---|---|\n");
        result.importance()
                .forEach((attribute, value) ->
                        md.append(String.format(Locale.ROOT, "| %s | %.4f |%n", attribute, value)));
        md.append("\nEvery figure is also in `metrics.json`; the model file is `")
                .append(info.version())
                .append(ModelFiles.SUFFIX)
                .append("`.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String name, double value) {
        md.append(String.format(Locale.ROOT, "| %s | %.4f |%n", name, value));
    }
}
