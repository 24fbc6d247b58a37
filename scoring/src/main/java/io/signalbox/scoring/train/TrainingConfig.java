package io.signalbox.scoring.train;

import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.GroupRef;
import io.signalbox.attributes.IsoDurations;
import io.signalbox.events.Json;
import io.signalbox.scoring.model.ModelKind;
import io.signalbox.scoring.model.ModelTrainer;
import io.signalbox.scoring.training.FeatureTime;
import io.signalbox.scoring.training.SplitKind;
import io.signalbox.scoring.training.TrainingSetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code signalbox train} does, read from a YAML or JSON file: the training set (group, goal, horizon, anchors),
 * how models are judged, which models are fitted and which one is served. The goal is configuration, not code: the
 * same command learns "submits the demo form within an hour" or "visits pricing within ten minutes".
 *
 * <p>Unknown keys are refused, so a typo is reported rather than ignored. See {@code training/*.yaml} for examples.
 *
 * @param trainingSet the rows to build
 * @param split how the served model is judged
 * @param testFraction the share of rows (or keys) held out for testing
 * @param repeats with a random split, how many splits (seeds {@code seed}, {@code seed + 1}, …) the mean ROC AUC is
 *     taken over; 1 for one split
 * @param alsoSplitBy further splits whose results the report gives beside the main one
 * @param models the models to fit, each with its options
 * @param serve the kind of model written to the models directory for {@code /predict}
 * @param seed makes every random choice reproducible
 */
public record TrainingConfig(
        TrainingSetSpec trainingSet,
        SplitKind split,
        double testFraction,
        int repeats,
        List<SplitKind> alsoSplitBy,
        List<ModelTrainer.Options> models,
        ModelKind serve,
        long seed) {

    static final int MAX_REPEATS = 1_000;
    private static final long MAX_FILE_BYTES = 1 << 20;

    public TrainingConfig {
        alsoSplitBy = List.copyOf(alsoSplitBy);
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("training: models must name at least one model");
        }
        if (models.stream().noneMatch(m -> m.kind() == serve)) {
            throw new IllegalArgumentException(
                    "training: serve is " + serve.wireName() + ", which is not among the models");
        }
    }

    /**
     * Reads a configuration file.
     *
     * @throws IllegalArgumentException naming the field and the value of the first problem
     */
    public static TrainingConfig read(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(
                    "training config " + file + " is larger than the limit of " + MAX_FILE_BYTES + " bytes");
        }
        try {
            return parse(DefinitionParser.readTree(Files.readString(file)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("training config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a configuration tree. */
    public static TrainingConfig parse(JsonNode root) {
        object(root, "the document");
        known(
                root,
                "",
                Set.of(
                        "attribute_group",
                        "goal",
                        "anchors",
                        "features_at",
                        "censored",
                        "evaluation",
                        "models",
                        "serve",
                        "seed",
                        "description"));
        long seed = root.has("seed") ? integer(root.get("seed"), "seed") : 42;

        JsonNode group = object(root.get("attribute_group"), "attribute_group");
        known(group, "attribute_group.", Set.of("name", "version"));
        GroupRef groupRef = new GroupRef(
                text(group.get("name"), "attribute_group.name"),
                group.has("version") ? (int) integer(group.get("version"), "attribute_group.version") : 1);

        JsonNode goal = object(root.get("goal"), "goal");
        known(goal, "goal.", Set.of("events", "criteria", "horizon"));
        Duration horizon = duration(goal.get("horizon"), "goal.horizon");

        JsonNode anchors = root.has("anchors") ? object(root.get("anchors"), "anchors") : Json.NODES.objectNode();
        known(anchors, "anchors.", Set.of("events", "criteria", "every", "active_for"));
        Duration every = anchors.has("every") ? duration(anchors.get("every"), "anchors.every") : null;
        Duration activeFor = anchors.has("active_for")
                ? duration(anchors.get("active_for"), "anchors.active_for")
                : every == null ? null : Duration.ofMinutes(5);

        FeatureTime featuresAt = root.has("features_at")
                ? FeatureTime.valueOf(oneOf(root.get("features_at"), "features_at", "before_anchor", "after_anchor")
                        .toUpperCase(java.util.Locale.ROOT))
                : FeatureTime.AFTER_ANCHOR;
        boolean keepCensored = root.has("censored")
                && oneOf(root.get("censored"), "censored", "keep", "drop").equals("keep");
        TrainingSetSpec set = new TrainingSetSpec(
                groupRef, selection(goal), horizon, selection(anchors), every, activeFor, featuresAt, keepCensored);

        JsonNode evaluation =
                root.has("evaluation") ? object(root.get("evaluation"), "evaluation") : Json.NODES.objectNode();
        known(evaluation, "evaluation.", Set.of("split", "test_fraction", "repeats", "also"));
        SplitKind split = evaluation.has("split")
                ? SplitKind.fromWireName(oneOf(evaluation.get("split"), "evaluation.split", "random", "key", "time"))
                : SplitKind.TIME;
        double testFraction = evaluation.has("test_fraction")
                ? number(evaluation.get("test_fraction"), "evaluation.test_fraction")
                : 0.2;
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("evaluation.test_fraction must be between 0 and 1, was " + testFraction);
        }
        int repeats = evaluation.has("repeats") ? (int) integer(evaluation.get("repeats"), "evaluation.repeats") : 1;
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw new IllegalArgumentException("evaluation.repeats must be 1 to " + MAX_REPEATS + ", was " + repeats);
        }
        List<SplitKind> also = new ArrayList<>();
        if (evaluation.has("also")) {
            for (JsonNode item : array(evaluation.get("also"), "evaluation.also")) {
                also.add(SplitKind.fromWireName(oneOf(item, "evaluation.also[]", "random", "key", "time")));
            }
        }

        List<ModelTrainer.Options> models = new ArrayList<>();
        JsonNode modelList = root.has("models") ? array(root.get("models"), "models") : defaultModels();
        for (int i = 0; i < modelList.size(); i++) {
            models.add(model(modelList.get(i), "models[" + i + "].", seed));
        }
        ModelKind serve = root.has("serve")
                ? ModelKind.fromWireName(oneOf(root.get("serve"), "serve", "logistic_regression", "xgboost"))
                : models.getLast().kind();
        return new TrainingConfig(set, split, testFraction, repeats, also, models, serve, seed);
    }

    /** The same configuration with another seed (random splits and training). */
    public TrainingConfig withSeed(long newSeed) {
        List<ModelTrainer.Options> reseeded =
                models.stream().map(m -> m.withSeed(newSeed)).toList();
        return new TrainingConfig(trainingSet, split, testFraction, repeats, alsoSplitBy, reseeded, serve, newSeed);
    }

    private static JsonNode defaultModels() {
        var list = Json.NODES.arrayNode();
        list.addObject().put("kind", "logistic_regression");
        list.addObject().put("kind", "xgboost");
        return list;
    }

    private static ModelTrainer.Options model(JsonNode node, String path, long seed) {
        object(node, path.substring(0, path.length() - 1));
        known(node, path, Set.of("kind", "class_weight", "l2", "max_rounds", "max_depth", "learning_rate"));
        ModelKind kind =
                ModelKind.fromWireName(oneOf(node.get("kind"), path + "kind", "logistic_regression", "xgboost"));
        ModelTrainer.Options options = ModelTrainer.Options.defaults(kind, seed);
        if (node.has("class_weight")) {
            options = options.withBalancedClassWeights(
                    oneOf(node.get("class_weight"), path + "class_weight", "balanced", "none")
                            .equals("balanced"));
        }
        if (node.has("l2")) {
            double l2 = number(node.get("l2"), path + "l2");
            if (!(l2 > 0)) {
                throw new IllegalArgumentException(path + "l2 must be positive, was " + l2);
            }
            options = options.withL2(l2);
        }
        int rounds = node.has("max_rounds")
                ? (int) integer(node.get("max_rounds"), path + "max_rounds")
                : options.maxRounds();
        int depth =
                node.has("max_depth") ? (int) integer(node.get("max_depth"), path + "max_depth") : options.maxDepth();
        double rate = node.has("learning_rate")
                ? number(node.get("learning_rate"), path + "learning_rate")
                : options.learningRate();
        if (rounds < 1 || rounds > 10_000 || depth < 1 || depth > 16 || !(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException(path + "max_rounds must be 1 to 10000, max_depth 1 to 16 and "
                    + "learning_rate in (0, 1], were " + rounds + ", " + depth + " and " + rate);
        }
        return options.withTrees(rounds, depth, rate);
    }

    /** The {@code events} and {@code criteria} of a goal or anchor setting. */
    private static JsonNode selection(JsonNode node) {
        ObjectNode out = Json.NODES.objectNode();
        if (node.has("events")) {
            out.set("events", array(node.get("events"), "events"));
        }
        if (node.has("criteria")) {
            out.set("criteria", node.get("criteria"));
        }
        return out;
    }

    private static void known(JsonNode node, String prefix, Set<String> keys) {
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown setting '" + prefix + name + "'; known here: " + new java.util.TreeSet<>(keys));
            }
        }
    }

    private static JsonNode object(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(field + " must be an object, was " + show(node));
        }
        return node;
    }

    private static JsonNode array(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(field + " must be a list, was " + show(node));
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string, was " + show(node));
        }
        return node.asString();
    }

    private static String oneOf(JsonNode node, String field, String... allowed) {
        String value = node != null && node.isString() ? node.asString() : null;
        if (value == null || !List.of(allowed).contains(value)) {
            throw new IllegalArgumentException(
                    field + " must be one of " + String.join(", ", allowed) + ", was " + show(node));
        }
        return value;
    }

    private static long integer(JsonNode node, String field) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException(field + " must be an integer, was " + show(node));
        }
        return node.asLong();
    }

    private static double number(JsonNode node, String field) {
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number, was " + show(node));
        }
        return node.asDouble();
    }

    private static Duration duration(JsonNode node, String field) {
        String text = text(node, field);
        Duration duration;
        try {
            duration = IsoDurations.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 duration such as PT1H, was " + show(node));
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + text);
        }
        return duration;
    }

    private static String show(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
