package io.signalbox.app;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.DefinitionException;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.Definitions;
import io.signalbox.attributes.GroupRef;
import io.signalbox.engine.warehouse.DuckDbWarehouse;
import io.signalbox.engine.warehouse.ImportException;
import io.signalbox.engine.warehouse.ImportFormat;
import io.signalbox.engine.warehouse.ImportReport;
import io.signalbox.engine.warehouse.WarehouseException;
import io.signalbox.engine.warehouse.WarehouseImport;
import io.signalbox.engine.warehouse.WarehouseLockedException;
import io.signalbox.scoring.train.Training;
import io.signalbox.scoring.train.TrainingConfig;
import io.signalbox.scoring.train.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code signalbox train}: point-in-time training set, models, reports and the model file {@code /predict} serves. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Builds a point-in-time training set from history with the engine's own code, fits the configured models,"
                    + " writes a report per model (report.md with PNG plots, metrics.json) and puts the model to serve"
                    + " into the models directory, where a running server picks it up.",
            "History is the warehouse of --data-dir (stop a running server first: only one process can open it), or"
                    + " the files given with --data (Snowplow CSV exports or enriched TSV, plain or gzip)."
        })
final class TrainCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            description = "The training configuration, YAML or JSON (default: the project's"
                    + " training/prospect_scoring.yaml).")
    Path configFile;

    @Option(
            names = "--data",
            description = "Train on these files instead of the warehouse; repeatable. The data directory is not"
                    + " touched, so this works while a server runs.")
    List<Path> dataFiles = new ArrayList<>();

    @Option(
            names = "--data-dir",
            defaultValue = "data",
            description = "Where the warehouse is and the models go (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--definitions",
            description = "Directories of definition files to find the attribute group in; repeatable (default: the"
                    + " project's definitions/).")
    List<Path> definitionDirs = new ArrayList<>();

    @Option(names = "--out", description = "Where the reports go (default: <data-dir>/reports).")
    Path reportDir;

    @Option(names = "--models-dir", description = "Where the served model goes (default: <data-dir>/models).")
    Path modelsDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path config = configFile != null ? configFile : projectFile("training/prospect_scoring.yaml");
        if (config == null || !Files.isRegularFile(config)) {
            err.println("signalbox train: no training configuration found; give one with --config");
            return 2;
        }
        TrainingConfig training;
        FoundGroup group;
        try {
            training = TrainingConfig.read(config);
            group = findGroup(
                    RunCommand.definitionDirsOrDefault(definitionDirs),
                    training.trainingSet().attributeGroup());
        } catch (IllegalArgumentException e) {
            err.println("signalbox train: " + e.getMessage());
            return 2;
        }
        try (DuckDbWarehouse warehouse = openHistory(out, err)) {
            if (warehouse == null) {
                return 1;
            }
            Training.Outcome outcome = Training.run(
                    training,
                    group.group(),
                    group.key(),
                    warehouse,
                    new Training.Paths(
                            config.toString(),
                            dataFiles.isEmpty() ? "the warehouse of " + dataDir : String.join(", ", names()),
                            reportDir != null ? reportDir : dataDir.resolve("reports"),
                            modelsDir != null ? modelsDir : dataDir.resolve("models")),
                    Instant.now(),
                    line -> {
                        out.println("  " + line);
                        out.flush();
                    });
            summarise(outcome, out);
            return 0;
        } catch (IllegalStateException | WarehouseException e) {
            err.println("signalbox train: " + e.getMessage());
            return 1;
        }
    }

    private List<String> names() {
        return dataFiles.stream().map(Path::toString).toList();
    }

    /** The warehouse to read: the data directory's, or a temporary one holding the given files. */
    private DuckDbWarehouse openHistory(PrintWriter out, PrintWriter err) throws IOException {
        if (dataFiles.isEmpty()) {
            try {
                return DuckDbWarehouse.openInDataDir(dataDir);
            } catch (WarehouseLockedException e) {
                err.println("signalbox train: the warehouse of " + dataDir + " is in use by another process, such as a"
                        + " running signalbox server; stop it, or train on exported files with --data.");
                return null;
            }
        }
        Path temporary = Files.createTempDirectory("signalbox-train");
        temporary.toFile().deleteOnExit();
        DuckDbWarehouse warehouse = DuckDbWarehouse.openInDataDir(temporary);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(temporary)));
        WarehouseImport importer = new WarehouseImport(warehouse);
        for (Path file : dataFiles) {
            try {
                ImportReport report = importer.importFile(file, ImportFormat.AUTO);
                out.println(report.summary(5));
            } catch (ImportException e) {
                warehouse.close();
                err.println("signalbox train: " + e.getMessage());
                return null;
            }
        }
        return warehouse;
    }

    private static void summarise(Training.Outcome outcome, PrintWriter out) {
        for (int i = 0; i < outcome.results().size(); i++) {
            TrainingRun.ModelResult result = outcome.results().get(i);
            out.printf(
                    "%s: ROC AUC %.4f, PR AUC %.4f, log loss %.4f, Brier %.4f, calibration error %.4f (%s)%n",
                    result.model().info().version(),
                    result.test().rocAuc(),
                    result.test().prAuc(),
                    result.test().logLoss(),
                    result.test().brier(),
                    result.test().expectedCalibrationError(),
                    result.split().description());
            if (!result.repeatedRocAucs().isEmpty()) {
                out.printf(
                        "  mean ROC AUC over %d random splits: %.4f%n",
                        result.repeatedRocAucs().size(), result.meanRepeatedRocAuc());
            }
            result.otherSplits()
                    .forEach((kind, evaluation) -> out.printf(
                            "  split by %s: ROC AUC %.4f, PR AUC %.4f%n",
                            kind.wireName(), evaluation.rocAuc(), evaluation.prAuc()));
            out.println("  report: " + outcome.reports().get(i).resolve("report.md"));
        }
        if (outcome.servedFile() != null) {
            out.println("Serving model: " + outcome.servedFile());
        }
        out.flush();
    }

    /** An attribute group and the key it is computed for. */
    record FoundGroup(AttributeGroupDefinition group, AttributeKeyDefinition key) {}

    /** The group among the definition files of the directories. */
    static FoundGroup findGroup(List<Path> directories, GroupRef ref) {
        List<Definitions> documents = new ArrayList<>();
        for (Path directory : directories) {
            documents.addAll(read(directory));
        }
        for (Definitions definitions : documents) {
            AttributeGroupDefinition group = definitions.attributeGroup(ref.name(), ref.version());
            if (group != null) {
                return new FoundGroup(group, definitions.resolveKey(group));
            }
        }
        throw new IllegalArgumentException("attribute group '" + ref.name() + "' v" + ref.version()
                + " is not in the definition files of " + directories);
    }

    private static List<Definitions> read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("definitions directory " + directory + " does not exist");
        }
        List<Definitions> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml")) {
                    out.add(DefinitionParser.parseDocument(Files.readString(file)));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read definitions in " + directory + ": " + e.getMessage(), e);
        } catch (DefinitionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return out;
    }

    /** A file of the project, when the launcher says where the project is. */
    static Path projectFile(String relative) {
        String root = System.getProperty("signalbox.root");
        return root == null ? null : Path.of(root, relative);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: the files are in the temporary directory
        }
    }
}
