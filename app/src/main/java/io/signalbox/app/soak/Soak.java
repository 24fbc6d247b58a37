package io.signalbox.app.soak;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.app.EmbeddedNode;
import io.signalbox.app.LoggedEventIds;
import io.signalbox.app.NodeSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A soak: one node with the project's definitions takes steady tracking traffic at a fixed rate for a long time while
 * its live heap (after a full collection), open file descriptors, threads and store size are sampled; at the end the
 * event log must hold every acknowledged event exactly once and nothing else, and each figure must have stopped
 * growing after the warm-up (the store only in proportion to the events it keeps: the event log has no retention).
 *
 * <p>The node runs in this JVM so the heap measured is the node's; the load is a few virtual threads sending batches
 * of ten page views of 2,000 visitors over loopback, each batch retried until it is accepted. Event ids are derived
 * from the batch number, so the check needs one bit per event.
 */
public final class Soak {
    private static final Logger LOG = LoggerFactory.getLogger(Soak.class);
    private static final long ID_HIGH_BITS = 0x50a4_5eed_0000_4000L;
    private static final int EVENTS_PER_BATCH = 10;
    private static final int VISITORS = 2_000;
    private static final int SENDERS = 8;
    private static final String PATH = "/com.snowplowanalytics.snowplow/tp2";
    private static final String[] PAGES = {"/", "/pricing", "/product", "/customers/globex", "/blog/launch", "/demo"};

    private final Duration duration;
    private final Duration sampleInterval;
    private final int batchesPerSecond;
    private final Path dataDir;
    private final List<Path> definitionDirs;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String[] visitors = new String[VISITORS];
    private final BitSet acknowledgedBatches = new BitSet();
    private final AtomicLong nextBatch = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);

    /**
     * @param batchesPerSecond the fixed request rate; each batch holds ten events
     * @param dataDir an empty directory for the node's stores
     */
    public Soak(
            Duration duration, Duration sampleInterval, int batchesPerSecond, Path dataDir, List<Path> definitionDirs) {
        if (batchesPerSecond <= 0) {
            throw new IllegalArgumentException("batches per second must be positive, was " + batchesPerSecond);
        }
        if (duration.compareTo(sampleInterval.multipliedBy(8)) < 0) {
            throw new IllegalArgumentException(
                    "a soak needs at least 8 samples: duration " + duration + ", sample interval " + sampleInterval);
        }
        this.duration = duration;
        this.sampleInterval = sampleInterval;
        this.batchesPerSecond = batchesPerSecond;
        this.dataDir = dataDir;
        this.definitionDirs = List.copyOf(definitionDirs);
        for (int i = 0; i < VISITORS; i++) {
            visitors[i] = UUID.nameUUIDFromBytes(("soak-visitor-" + i).getBytes(UTF_8))
                    .toString();
        }
    }

    /** Runs the soak and returns what it saw; the bounds that did not hold are in the result. */
    public SoakResult run() throws Exception {
        List<SoakSample> samples = new ArrayList<>();
        boolean caughtUp;
        NodeSettings settings = NodeSettings.local(dataDir, "soak-key").withDefinitionDirs(definitionDirs);
        try (EmbeddedNode node = EmbeddedNode.start(settings)) {
            String baseUrl = "http://127.0.0.1:" + node.port();
            long started = System.nanoTime();
            ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
            for (int i = 0; i < SENDERS; i++) {
                senders.submit(() -> send(baseUrl, started));
            }
            long end = started + duration.toNanos();
            long nextSample = started + sampleInterval.toNanos();
            while (nextSample <= end) {
                Thread.sleep(Math.max(0, (nextSample - System.nanoTime()) / 1_000_000));
                samples.add(sample(node, (System.nanoTime() - started) / 1e9));
                LOG.info("Soak sample {}", samples.getLast());
                nextSample += sampleInterval.toNanos();
            }
            running.set(false);
            senders.shutdown();
            if (!senders.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the soak's senders did not stop within 60 s");
            }
            caughtUp = node.processor().awaitCommitted(node.eventLogEnd(), Duration.ofMinutes(2));
        }
        return verdict(samples, caughtUp, checkLog());
    }

    /** Sends batches on a fixed schedule shared by all senders; a refused batch is sent again until accepted. */
    private Void send(String baseUrl, long startedNanos) {
        long intervalNanos = 1_000_000_000L / batchesPerSecond;
        while (running.get()) {
            long batch = nextBatch.getAndIncrement();
            long due = startedNanos + batch * intervalNanos;
            try {
                long waitNanos = due - System.nanoTime();
                if (waitNanos > 0) {
                    Thread.sleep(Duration.ofNanos(waitNanos));
                }
                while (running.get() && !accepted(baseUrl, batch)) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private boolean accepted(String baseUrl, long batch) throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + PATH))
                            .header("Content-Type", "application/json; charset=UTF-8")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body(batch)))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                synchronized (acknowledgedBatches) {
                    acknowledgedBatches.set(Math.toIntExact(batch));
                }
                return true;
            }
            (response.statusCode() == 503 ? refused : failed).incrementAndGet();
        } catch (IOException e) {
            failed.incrementAndGet();
        }
        return false;
    }

    private String body(long batch) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            long event = batch * EVENTS_PER_BATCH + i;
            data.append(i == 0 ? "" : ",")
                    .append("{\"e\":\"pv\",\"p\":\"web\",\"tv\":\"js-4.6.8\",\"aid\":\"website\",\"eid\":\"")
                    .append(new UUID(ID_HIGH_BITS, event))
                    .append("\",\"duid\":\"")
                    .append(visitors[(int) (event % VISITORS)])
                    .append("\",\"url\":\"https://www.acme.example")
                    .append(PAGES[(int) (event % PAGES.length)])
                    .append("?utm_source=news&utm_medium=email\",\"refr\":\"https://www.google.com/\",\"dtm\":\"")
                    .append(System.currentTimeMillis())
                    .append("\"}");
        }
        return "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":[" + data
                + "]}";
    }

    private SoakSample sample(EmbeddedNode node, double elapsedSeconds) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new SoakSample(
                elapsedSeconds,
                heap,
                openFiles(),
                ManagementFactory.getThreadMXBean().getThreadCount(),
                directoryBytes(dataDir),
                node.eventLogEnd(),
                node.processor().lag());
    }

    private static long openFiles() {
        Path fds = Path.of("/proc/self/fd");
        if (Files.isDirectory(fds)) {
            try (Stream<Path> entries = Files.list(fds)) {
                return entries.count();
            } catch (IOException e) {
                return -1;
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }

    private static long directoryBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(Soak::sizeOrZero)
                    .sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private record LogCheck(long acknowledged, long missing, long duplicated, long unexpected) {}

    /** Reads the stopped node's event log against the acknowledged batches. */
    private LogCheck checkLog() {
        LogTally tally = new LogTally();
        LoggedEventIds.forEach(dataDir, tally);
        long acknowledged = (long) acknowledgedBatches.cardinality() * EVENTS_PER_BATCH;
        return new LogCheck(acknowledged, acknowledged - tally.seen.cardinality(), tally.duplicated, tally.unexpected);
    }

    /** Each logged event id against the acknowledged batches: seen once, seen again, or never acknowledged. */
    private final class LogTally implements Consumer<String> {
        private final BitSet seen = new BitSet();
        private long duplicated;
        private long unexpected;

        @Override
        public void accept(String eventId) {
            UUID id = UUID.fromString(eventId);
            int event = Math.toIntExact(id.getLeastSignificantBits());
            if (id.getMostSignificantBits() != ID_HIGH_BITS || !acknowledgedBatches.get(event / EVENTS_PER_BATCH)) {
                unexpected++;
            } else if (seen.get(event)) {
                duplicated++;
            } else {
                seen.set(event);
            }
        }
    }

    private SoakResult verdict(List<SoakSample> samples, boolean caughtUp, LogCheck log) {
        List<String> violations = new ArrayList<>();
        int warmUp = samples.size() / 4;
        List<SoakSample> steady = samples.subList(warmUp, samples.size());
        int third = steady.size() / 3;
        List<SoakSample> middle = steady.subList(third, 2 * third);
        List<SoakSample> last = steady.subList(2 * third, steady.size());

        long middleHeap = max(middle, SoakSample::liveHeapBytes);
        long lastHeap = max(last, SoakSample::liveHeapBytes);
        if (lastHeap > middleHeap * 1.25 + (32 << 20)) {
            violations.add("live heap kept growing: at most " + middleHeap + " bytes in the middle third, " + lastHeap
                    + " in the last");
        }
        long middleFiles = max(middle, SoakSample::openFiles);
        long lastFiles = max(last, SoakSample::openFiles);
        if (lastFiles > middleFiles + 32) {
            violations.add("open files kept growing: at most " + middleFiles + " in the middle third, " + lastFiles
                    + " in the last");
        }
        long middleThreads = max(middle, SoakSample::threads);
        long lastThreads = max(last, SoakSample::threads);
        if (lastThreads > middleThreads + 16) {
            violations.add("threads kept growing: at most " + middleThreads + " in the middle third, " + lastThreads
                    + " in the last");
        }
        double startPerEvent = steady.getFirst().storeBytesPerEvent();
        double endPerEvent = samples.getLast().storeBytesPerEvent();
        if (endPerEvent > startPerEvent * 1.5) {
            violations.add(String.format(
                    java.util.Locale.ROOT,
                    "store grew faster than the events it keeps: %.0f bytes per event after the warm-up, %.0f at the"
                            + " end",
                    startPerEvent,
                    endPerEvent));
        }
        if (!caughtUp) {
            violations.add("the attribute engine did not catch up within 2 minutes after the load stopped");
        }
        if (log.acknowledged() == 0) {
            violations.add("no event was acknowledged");
        }
        if (log.missing() > 0 || log.duplicated() > 0 || log.unexpected() > 0) {
            violations.add("event log: " + log.missing() + " acknowledged events missing, " + log.duplicated()
                    + " duplicated, " + log.unexpected() + " never acknowledged");
        }
        if (failed.get() > 0) {
            violations.add(failed.get() + " requests were answered neither 200 nor 503");
        }
        return new SoakResult(
                samples,
                log.acknowledged(),
                refused.get(),
                failed.get(),
                log.missing(),
                log.duplicated(),
                log.unexpected(),
                violations);
    }

    private static long max(List<SoakSample> samples, java.util.function.ToLongFunction<SoakSample> figure) {
        return samples.stream().mapToLong(figure).max().orElse(0);
    }
}
