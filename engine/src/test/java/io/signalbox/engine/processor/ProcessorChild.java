package io.signalbox.engine.processor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A processor in its own JVM for the exactly-once test: {@code ProcessorChild <dataDir> <clock ISO instant>
 * <batchEvents> <pauseMillisAfterCommit> [--exit-when-caught-up]}. It writes its committed offset to {@code
 * <dataDir>/progress} as it goes; without the flag it runs until it is killed. The pause after each commit stretches
 * the stream over enough wall time for the test's kills to land in the middle of it, on a fast machine too.
 */
public final class ProcessorChild {
    private ProcessorChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        InstantSource clock = InstantSource.fixed(Instant.parse(args[1]));
        int batchEvents = Integer.parseInt(args[2]);
        long pauseMillis = Long.parseLong(args[3]);
        boolean exitWhenCaughtUp = args.length > 4 && args[4].equals("--exit-when-caught-up");
        ProcessorListener pacing = new ProcessorListener() {
            @Override
            public void onCommit(long offset) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (ProcessorFixture fixture = new ProcessorFixture(dir);
                AttributeProcessor processor = new AttributeProcessor(
                        fixture.store,
                        fixture.log,
                        fixture.registry,
                        null,
                        pacing,
                        clock,
                        new ProcessorConfig(batchEvents, 500, Duration.ofHours(1), 100))) {
            long end = fixture.log.endOffset();
            Path progress = dir.resolve("progress");
            while (!processor.awaitCommitted(end, Duration.ofMillis(10)) || !exitWhenCaughtUp) {
                java.nio.file.Files.writeString(progress, Long.toString(processor.committedOffset()));
            }
            java.nio.file.Files.writeString(progress, Long.toString(processor.committedOffset()));
        }
    }
}
