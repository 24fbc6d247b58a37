package io.signalbox.engine.warehouse;

import io.signalbox.engine.log.RocksEventLog;
import io.signalbox.engine.log.SyncPolicy;
import io.signalbox.engine.store.EmbeddedStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child JVM for crash tests. {@code load STORE WAREHOUSE BATCH} runs a loader and prints {@code LOADED n} as the
 * loaded offset moves, {@code DONE} at the end of the log; {@code hold WAREHOUSE} opens the warehouse and prints
 * {@code HOLDING}. Either waits to be killed.
 */
public final class LoaderChild {
    private LoaderChild() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("hold")) {
            DuckDbWarehouse.open(Path.of(args[1]), 256 << 20);
            System.out.println("HOLDING");
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(2));
            return;
        }
        EmbeddedStore store = EmbeddedStore.open(Path.of(args[1]), 8 << 20);
        RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 256 << 20);
        DuckDbWarehouse warehouse = DuckDbWarehouse.open(Path.of(args[2]), 256 << 20);
        WarehouseLoader loader =
                WarehouseLoader.start(log, warehouse, Integer.parseInt(args[3]), Duration.ofMinutes(1));
        long printed = -1;
        while (true) {
            long loaded = loader.loadedOffset();
            if (loaded != printed) {
                System.out.println("LOADED " + loaded);
                System.out.flush();
                printed = loaded;
            }
            if (loaded == log.endOffset()) {
                System.out.println("DONE");
                System.out.flush();
                Thread.sleep(Duration.ofMinutes(2));
                return;
            }
            Thread.sleep(2);
        }
    }
}
