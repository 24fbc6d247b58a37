package io.signalbox.engine.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.tracking.SinkOverloadedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksEventLogTest {
    @TempDir
    Path dir;

    private static List<byte[]> records(String prefix, int count) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add((prefix + i).getBytes(UTF_8));
        }
        return records;
    }

    @Test
    void shouldNumberEventsInAppendOrderAndReadThemBack() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(dir, 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 1 << 20)) {
            assertThat(log.append(records("a", 3), records("bad", 1)).get()).isEqualTo(3);
            assertThat(log.append(records("b", 2), List.of()).get()).isEqualTo(5);

            List<LogRecord> read = log.read(1, 10);
            assertThat(read).extracting(LogRecord::offset).containsExactly(1L, 2L, 3L, 4L);
            assertThat(new String(read.get(2).payload(), UTF_8)).isEqualTo("b0");
            assertThat(log.readBadRows(0, 10)).hasSize(1);
            assertThat(log.read(5, 10)).isEmpty();
        }
    }

    @Test
    void shouldKeepAcknowledgedEventsAcrossReopen() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(dir, 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.OS_BUFFERED, 1 << 20)) {
            log.append(records("a", 100), records("x", 7)).get();
        }
        try (EmbeddedStore store = EmbeddedStore.open(dir, 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 1 << 20)) {
            assertThat(log.endOffset()).isEqualTo(100);
            assertThat(log.badRowsEndOffset()).isEqualTo(7);
            assertThat(log.append(records("b", 1), List.of()).get()).isEqualTo(101);
        }
    }

    @Test
    void shouldGroupConcurrentAppendsWithoutLosingOrDuplicatingAny() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(dir, 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 64 << 20);
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Long>> acks = new ArrayList<>();
            for (int client = 0; client < 200; client++) {
                String prefix = "c" + client + "-";
                acks.add(CompletableFuture.supplyAsync(() -> log.append(records(prefix, 10), List.of()), executor)
                        .thenCompose(future -> future));
            }
            for (CompletableFuture<Long> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }

            List<LogRecord> all = log.read(0, 10_000);
            assertThat(all).hasSize(2000);
            assertThat(all.stream().map(r -> new String(r.payload(), UTF_8)).distinct())
                    .hasSize(2000);
        }
    }

    @Test
    void shouldRefuseAppendsWhenTooManyBytesWait() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(dir, 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 64)) {
            List<CompletableFuture<Long>> appends = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                appends.add(log.append(records("e", 3), List.of()));
            }
            long refused = appends.stream()
                    .filter(append -> {
                        try {
                            append.get();
                            return false;
                        } catch (ExecutionException e) {
                            return e.getCause() instanceof SinkOverloadedException;
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    })
                    .count();
            assertThat(refused).isPositive();
            long accepted = appends.size() - refused;
            assertThat(log.endOffset()).isEqualTo(accepted * 3);
        }
    }

    @Test
    void shouldWakeReadersWhenEventsArrive() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.open(dir, 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 1 << 20)) {
            assertThat(log.awaitOffset(0, Duration.ofMillis(20))).isFalse();
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return log.awaitOffset(0, Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            log.append(records("a", 1), List.of()).get();
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void shouldRefuseAppendsAfterClose() {
        try (EmbeddedStore store = EmbeddedStore.open(dir, 8 << 20)) {
            RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 1 << 20);
            log.close();
            assertThatThrownBy(() -> log.append(records("a", 1), List.of()).get())
                    .hasCauseInstanceOf(SinkOverloadedException.class);
        }
    }
}
