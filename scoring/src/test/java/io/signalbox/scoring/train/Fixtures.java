package io.signalbox.scoring.train;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.Definitions;
import io.signalbox.engine.warehouse.DuckDbWarehouse;
import io.signalbox.engine.warehouse.ImportFormat;
import io.signalbox.engine.warehouse.ImportReport;
import io.signalbox.engine.warehouse.WarehouseImport;
import io.signalbox.scoring.training.TrainingSet;
import io.signalbox.scoring.training.TrainingSetBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's own files, as the tests of training read them. */
final class Fixtures {
    private Fixtures() {}

    static Path root() {
        return Path.of(System.getProperty("signalbox.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** Snowplow's sample export of the tutorial. */
    static Path sampleEvents() {
        return root().resolve("samples/sample_events.csv.gz").normalize();
    }

    /** A warehouse in {@code dir} holding the sample export. */
    static DuckDbWarehouse sampleWarehouse(Path dir) {
        DuckDbWarehouse warehouse = DuckDbWarehouse.openInDataDir(dir);
        ImportReport report = new WarehouseImport(warehouse).importFile(sampleEvents(), ImportFormat.AUTO);
        if (report.rowsImported() != 5_398) {
            throw new IllegalStateException("the sample should import 5,398 rows: " + report.summary(5));
        }
        return warehouse;
    }

    /** The group of that name and version among the project's definition files. */
    static AttributeGroupDefinition group(String file, String name, int version) throws IOException {
        Definitions definitions = DefinitionParser.parseDocument(
                Files.readString(root().resolve("definitions").resolve(file)));
        return definitions.attributeGroup(name, version);
    }

    static TrainingConfig config(String file) throws IOException {
        return TrainingConfig.read(root().resolve("training").resolve(file));
    }

    static TrainingSet build(TrainingConfig config, AttributeGroupDefinition group, DuckDbWarehouse warehouse) {
        return new TrainingSetBuilder(
                        io.signalbox.attributes.core.CompiledGroup.compile(group, group.attributeKey()),
                        config.trainingSet())
                .build(warehouse);
    }
}
