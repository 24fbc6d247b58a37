package io.signalbox.app;

import io.signalbox.engine.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.Duration;

/** A child JVM that opens the warehouse of a data directory, prints {@code HOLDING} and waits to be killed. */
public final class WarehouseHolder {
    private WarehouseHolder() {}

    public static void main(String[] args) throws Exception {
        DuckDbWarehouse.openInDataDir(Path.of(args[0]));
        System.out.println("HOLDING");
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(2));
    }
}
