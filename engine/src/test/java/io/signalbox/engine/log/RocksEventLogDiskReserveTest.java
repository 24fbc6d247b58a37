package io.signalbox.engine.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.tracking.SinkOverloadedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log's free-disk reserve, against the real file system of the test's directory. */
class RocksEventLogDiskReserveTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseAppendsWhenTheDiskHasLessFreeSpaceThanTheReserve() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        long reserve = free + (1L << 40);
        try (EmbeddedStore store = EmbeddedStore.open(dir, 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 1 << 20, reserve)) {
            assertThatThrownBy(() ->
                            log.append(List.of("e".getBytes(UTF_8)), List.of()).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(SinkOverloadedException.class)
                    .hasMessageStartingWith("the disk holding the event log has ")
                    .hasMessageEndingWith(" bytes free, below the reserve of " + reserve);

            assertThat(log.endOffset()).isZero();
            assertThat(log.refusedDiskFullCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldAcceptAppendsWhenTheReserveIsAvailable() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(dir, 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 1 << 20, 1)) {
            assertThat(log.append(List.of("e".getBytes(UTF_8)), List.of()).get())
                    .isEqualTo(1);
            assertThat(log.refusedDiskFullCount()).isZero();
        }
    }

    @Test
    void shouldRefuseANegativeReserve() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(dir, 8 << 20)) {
            assertThatThrownBy(() -> new RocksEventLog(store, SyncPolicy.ALWAYS, 1 << 20, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("minFreeDiskBytes must not be negative, was -1");
        }
    }
}
