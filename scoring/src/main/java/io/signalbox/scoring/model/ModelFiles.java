package io.signalbox.scoring.model;

import io.signalbox.events.Json;
import io.signalbox.scoring.predict.ModelLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Model files: one JSON document per model, {@code <version>.model.json}, holding what the model reads (group,
 * attributes, features and how they are encoded), its fitted parameters (the XGBoost booster as base64 of its UBJSON
 * form, or the regression's coefficients), its threshold, and the record of its training and evaluation.
 *
 * <p>Versions start with the UTC training time ({@code 20261204T051530Z-xgboost}), so the newest sorts last. Files are
 * written to a temporary name and moved into place, so a server watching the directory never reads half a file.
 */
public final class ModelFiles implements ModelLoader {
    /** The suffix of model files. */
    public static final String SUFFIX = ".model.json";

    static final String FORMAT = "signalbox-model";
    static final int FORMAT_VERSION = 1;
    private static final long MAX_FILE_BYTES = 64L << 20;

    @Override
    public List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> models =
                    new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                            .filter(Files::isRegularFile)
                            .toList());
            models.sort(
                    Comparator.comparing((Path f) -> f.getFileName().toString()).reversed());
            return models;
        }
    }

    @Override
    public TrainedModel load(Path file) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException("model file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        try {
            return read(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new IOException("model file " + file + " is not a valid model: " + e.getMessage(), e);
        }
    }

    /** Writes a model into a directory as {@code <version>.model.json} and returns the file. */
    public static Path write(TrainedModel model, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(model.info().version() + SUFFIX);
        Path temporary = directory.resolve("." + model.info().version() + SUFFIX + ".tmp");
        Files.writeString(
                temporary, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(model)));
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    static ObjectNode toJson(TrainedModel model) {
        ModelInfo info = model.info();
        ObjectNode root = Json.NODES.objectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("version", info.version());
        root.put("kind", info.kind());
        root.put("attribute_group", info.attributeGroup());
        root.put("attribute_group_version", info.attributeGroupVersion());
        info.attributes().forEach(root.putArray("attributes")::add);
        root.put("threshold", info.threshold());
        root.put("trained_at", info.trainedAt().toString());
        root.set("features", model.encoder().toJson());
        switch (model.scorer()) {
            case LogisticRegression regression -> root.set("logistic_regression", regression.toJson());
            case GradientBoostedTrees trees -> root.set("xgboost", trees.toJson());
        }
        root.set("training", model.training());
        root.set("metrics", model.metrics());
        return root;
    }

    static TrainedModel read(JsonNode root) throws IOException {
        if (!FORMAT.equals(root.path("format").asString(""))) {
            throw new IOException("format must be " + FORMAT);
        }
        int formatVersion = root.path("format_version").asInt(-1);
        if (formatVersion != FORMAT_VERSION) {
            throw new IOException(
                    "format_version " + formatVersion + " is not supported (this build reads " + FORMAT_VERSION + ")");
        }
        List<String> attributes = new ArrayList<>();
        root.required("attributes").forEach(a -> attributes.add(a.asString()));
        ModelInfo info = new ModelInfo(
                root.required("version").asString(),
                root.required("kind").asString(),
                root.required("attribute_group").asString(),
                root.required("attribute_group_version").asInt(),
                attributes,
                root.required("threshold").asDouble(),
                Instant.parse(root.required("trained_at").asString()));
        FeatureEncoder encoder = FeatureEncoder.fromJson(root.required("features"), attributes);
        int features = encoder.features().size();
        Scorer scorer = switch (ModelKind.fromWireName(info.kind())) {
            case LOGISTIC_REGRESSION -> LogisticRegression.fromJson(root.required("logistic_regression"), features);
            case XGBOOST -> GradientBoostedTrees.fromJson(root.required("xgboost"), features);
        };
        return new TrainedModel(
                info,
                encoder,
                scorer,
                root.path("training").deepCopy(),
                root.path("metrics").deepCopy());
    }
}
