package io.signalbox.app;

import io.signalbox.engine.warehouse.DuckDbWarehouse;
import io.signalbox.engine.warehouse.WarehouseException;
import io.signalbox.engine.warehouse.WarehouseLockedException;
import io.signalbox.scoring.simulator.LiveTraffic;
import io.signalbox.scoring.simulator.ProspectSimulator;
import io.signalbox.scoring.simulator.SimulatedHistory;
import io.signalbox.scoring.simulator.SimulationSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code signalbox simulate}: simulated prospects, as history in the warehouse or as live traffic to a collector. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates prospects with hidden intent browsing a B2B marketing site, deterministic from a seed.",
            "Without --live, writes their history of the last --days into the warehouse of --data-dir (stop a"
                    + " running server first). With --live URL, sends their events to that collector as they"
                    + " happen, --speed times faster than real time."
        })
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--prospects", defaultValue = "5000", description = "Prospects (default: ${DEFAULT-VALUE}).")
    int prospects;

    @Option(names = "--days", defaultValue = "30", description = "Days they arrive over (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--data-dir",
            defaultValue = "data",
            description = "Where the warehouse is, without --live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--live", description = "A collector's base URL, such as http://127.0.0.1:8080.")
    URI live;

    @Option(names = "--speed", defaultValue = "1", description = "Live time runs this many times faster (default: 1).")
    double speed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (prospects <= 0 || days <= 0 || !(speed > 0)) {
            err.println("signalbox simulate: --prospects, --days and --speed must be positive");
            return 2;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (live != null) {
            SimulationSettings settings =
                    new SimulationSettings(seed, prospects, now, Duration.ofDays(days), "www.acme.example");
            return live(new ProspectSimulator(settings), out);
        }
        SimulationSettings settings = new SimulationSettings(
                seed, prospects, now.minus(Duration.ofDays(days)), Duration.ofDays(days), "www.acme.example");
        return history(new ProspectSimulator(settings), out, err);
    }

    private int history(ProspectSimulator simulator, PrintWriter out, PrintWriter err) {
        DuckDbWarehouse warehouse;
        try {
            warehouse = DuckDbWarehouse.openInDataDir(dataDir);
        } catch (WarehouseLockedException e) {
            err.println("signalbox simulate: the warehouse is in use by another process, such as a running"
                    + " signalbox server; stop it first, or use --live.");
            return 1;
        } catch (WarehouseException e) {
            err.println("signalbox simulate: " + e.getMessage());
            return 1;
        }
        try (warehouse) {
            SimulatedHistory.Written written = SimulatedHistory.write(simulator, warehouse, count -> {
                out.printf("  %,d events%n", count);
                out.flush();
            });
            out.printf(
                    "Simulated %,d prospects: %,d events from %s to %s, %,d new in the warehouse%n",
                    simulator.settings().prospects(),
                    written.events(),
                    written.first(),
                    written.last(),
                    written.inserted());
            return 0;
        }
    }

    private int live(ProspectSimulator simulator, PrintWriter out) throws InterruptedException {
        try (LiveTraffic traffic = LiveTraffic.start(live, simulator, speed)) {
            out.printf("Sending %,d prospects' events to %s at %sx; Ctrl-C stops%n", prospects, live, speed);
            out.flush();
            while (!traffic.finished()) {
                Thread.sleep(10_000);
                out.printf("  %,d events sent, %,d failed%n", traffic.sent(), traffic.failed());
                out.flush();
            }
            return traffic.failed() == 0 ? 0 : 1;
        }
    }
}
