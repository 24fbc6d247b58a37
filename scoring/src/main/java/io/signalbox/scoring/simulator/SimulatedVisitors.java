package io.signalbox.scoring.simulator;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps about {@code visitors} simulated prospects browsing at once, in real time, through a collector: hour after
 * hour, a new simulation of first visits with a new seed. For demos and dashboards that should move on their own.
 */
public final class SimulatedVisitors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedVisitors.class);
    private static final Duration ROUND = Duration.ofHours(1);
    /** A first visit lasts about five minutes, so twelve arrivals an hour per visitor keep one browsing. */
    private static final int ARRIVALS_PER_VISITOR_PER_HOUR = 12;

    private final Thread thread;
    private volatile LiveTraffic current;
    private volatile boolean running = true;

    private SimulatedVisitors(URI collector, int visitors, long seed) {
        this.thread =
                Thread.ofPlatform().name("simulated-visitors").daemon().start(() -> run(collector, visitors, seed));
    }

    /** Starts the visitors; {@code collector} is the node's base URL. */
    public static SimulatedVisitors start(URI collector, int visitors, long seed) {
        if (visitors <= 0) {
            throw new IllegalArgumentException("visitors must be positive, was " + visitors);
        }
        return new SimulatedVisitors(collector, visitors, seed);
    }

    private void run(URI collector, int visitors, long seed) {
        LOG.info("Simulating about {} live visitors through {}", visitors, collector);
        for (long round = 0; running; round++) {
            SimulationSettings settings = new SimulationSettings(
                    seed + round, visitors * ARRIVALS_PER_VISITOR_PER_HOUR, Instant.now(), ROUND, "www.acme.example");
            LiveTraffic traffic = LiveTraffic.start(collector, new ProspectSimulator(settings), 1);
            current = traffic;
            try {
                while (running && !traffic.finished()) {
                    Thread.sleep(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                traffic.close();
            }
        }
    }

    /** Events the collector acknowledged in the current round. */
    public long sent() {
        LiveTraffic traffic = current;
        return traffic == null ? 0 : traffic.sent();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        LiveTraffic traffic = current;
        if (traffic != null) {
            traffic.close();
        }
    }
}
