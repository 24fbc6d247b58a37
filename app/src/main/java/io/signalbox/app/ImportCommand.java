package io.signalbox.app;

import io.signalbox.engine.warehouse.DuckDbWarehouse;
import io.signalbox.engine.warehouse.ImportException;
import io.signalbox.engine.warehouse.ImportFormat;
import io.signalbox.engine.warehouse.ImportReport;
import io.signalbox.engine.warehouse.WarehouseException;
import io.signalbox.engine.warehouse.WarehouseImport;
import io.signalbox.engine.warehouse.WarehouseLockedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code signalbox import}: loads event files into the warehouse of a data directory. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Loads Snowplow atomic-table exports (CSV with a header row) or enriched TSV files, plain or"
                    + " gzip-compressed, into the warehouse.",
            "Rows whose event_id the warehouse already holds are skipped, so an import can be run again."
                    + " Bad lines are skipped and reported. Stop a running server first: it holds the warehouse."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:rows were imported", "1:nothing was imported, or a file or the warehouse could not be used"})
final class ImportCommand implements Callable<Integer> {
    private static final int BAD_LINES_SHOWN = 20;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV or TSV files, plain or gzip-compressed.")
    List<Path> files;

    @Option(
            names = "--data-dir",
            defaultValue = "data",
            description = "Directory of the stores; the warehouse is its warehouse.duckdb (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--format",
            defaultValue = "auto",
            description = "auto, csv or tsv; auto tells from the first line (default: ${DEFAULT-VALUE}).")
    ImportFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DuckDbWarehouse warehouse;
        try {
            warehouse = DuckDbWarehouse.openInDataDir(dataDir);
        } catch (WarehouseLockedException e) {
            err.println("signalbox import: the warehouse is in use by another process, such as a running signalbox"
                    + " server; stop it and import again.");
            err.println("  " + e.getMessage());
            return 1;
        } catch (WarehouseException e) {
            err.println("signalbox import: " + e.getMessage());
            return 1;
        }
        try (warehouse) {
            return importAll(new WarehouseImport(warehouse), out, err);
        }
    }

    private int importAll(WarehouseImport importer, PrintWriter out, PrintWriter err) {
        long imported = 0;
        boolean refused = false;
        for (Path file : files) {
            try {
                ImportReport report = importer.importFile(file, format);
                out.println(report.summary(BAD_LINES_SHOWN));
                imported += report.rowsImported();
            } catch (ImportException | WarehouseException e) {
                err.println("signalbox import: " + e.getMessage());
                refused = true;
            }
        }
        out.println(imported + " rows imported into " + dataDir.resolve(DuckDbWarehouse.FILE_NAME));
        out.flush();
        return imported > 0 && !refused ? 0 : 1;
    }
}
