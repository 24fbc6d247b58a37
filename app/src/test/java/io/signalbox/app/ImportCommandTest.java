package io.signalbox.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.engine.warehouse.DuckDbWarehouse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {
    private static final String CSV = "\"EVENT_ID\",\"DERIVED_TSTAMP\",\"APP_ID\",\"DOMAIN_SESSIONIDX\"\n"
            + "\"d860525b-df36-4eba-8984-63e29096e435\",\"2025-04-23 00:21:24.939\",\"website\",\"1\"\n"
            + "\"07bc3fa7-146f-4e35-912d-0d550e4965b3\",\"2025-04-23 01:02:42.696\",\"website\",\"one\"\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(Main.class)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void shouldImportAFileAndPrintItsReport() throws Exception {
        Path file = Files.writeString(dir.resolve("export.csv"), CSV, UTF_8);

        int exit = run("import", "--data-dir", dir.resolve("data").toString(), "--format", "CSV", file.toString());

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("export.csv (csv): 2 lines read, 1 rows imported, 0 duplicates skipped, 1 bad lines skipped")
                .contains("line 3: column domain_sessionidx: cannot read 'one' as INTEGER")
                .contains("collector_tstamp set to derived_tstamp: 1")
                .contains("1 rows imported into");
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.openInDataDir(dir.resolve("data"))) {
            assertThat(warehouse.count()).isEqualTo(1);
        }
    }

    @Test
    void shouldExitNonZeroWhenNothingWasImported() throws Exception {
        Path file = Files.writeString(dir.resolve("export.csv"), CSV, UTF_8);
        run("import", "--data-dir", dir.toString(), file.toString());

        int again = run("import", "--data-dir", dir.toString(), file.toString());
        int missing = run(
                "import", "--data-dir", dir.toString(), dir.resolve("nope.csv").toString());

        assertThat(again).isEqualTo(1);
        assertThat(out.toString()).contains("0 rows imported, 1 duplicates skipped");
        assertThat(missing).isEqualTo(1);
        assertThat(err.toString()).contains("signalbox import: no such file: " + dir.resolve("nope.csv"));
    }

    @Test
    void shouldRefuseClearlyWhileAnotherProcessHoldsTheWarehouse() throws Exception {
        Path file = Files.writeString(dir.resolve("export.csv"), CSV, UTF_8);
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        WarehouseHolder.class.getName(),
                        dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            var lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), UTF_8));
            assertThat(lines.readLine()).isEqualTo("HOLDING");

            int exit = run("import", "--data-dir", dir.toString(), file.toString());

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString())
                    .startsWith("signalbox import: the warehouse is in use by another process, such as a running"
                            + " signalbox server; stop it and import again.")
                    .contains("Conflicting lock is held");
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
