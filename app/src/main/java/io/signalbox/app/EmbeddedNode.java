package io.signalbox.app;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import io.signalbox.engine.log.LogEventSink;
import io.signalbox.engine.log.RocksEventLog;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.events.Json;
import io.signalbox.tracking.Enricher;
import io.signalbox.tracking.EnricherConfig;
import io.signalbox.tracking.collector.CollectorConfig;
import io.signalbox.tracking.collector.CollectorRoutes;
import io.signalbox.tracking.micro.InspectionStore;
import io.signalbox.tracking.micro.MicroRoutes;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Signalbox process with the embedded stores: collector, enrichment, event log and inspection endpoints on one
 * HTTP port.
 */
public final class EmbeddedNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNode.class);
    private static final long BLOCK_CACHE_BYTES = 256L << 20;
    private static final long MAX_PENDING_LOG_BYTES = 256L << 20;
    private static final int INSPECTION_CAPACITY = 10_000;
    /** Request line plus headers, as the reference collector allows (GET events carry their data in the URL). */
    private static final int MAX_REQUEST_HEAD_BYTES = 40_960;

    private final EmbeddedStore store;
    private final RocksEventLog log;
    private final Javalin http;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedNode(EmbeddedStore store, RocksEventLog log, Javalin http) {
        this.store = store;
        this.log = log;
        this.http = http;
    }

    /** Opens the stores, starts serving and logs the URLs once ready. */
    public static EmbeddedNode start(NodeSettings settings) {
        InstantSource clock = InstantSource.system();
        EmbeddedStore store = EmbeddedStore.open(settings.dataDir().resolve("rocksdb"), BLOCK_CACHE_BYTES);
        RocksEventLog log = new RocksEventLog(store, settings.sync(), MAX_PENDING_LOG_BYTES);
        Enricher enricher = new Enricher(EnricherConfig.defaults(), clock);
        InspectionStore inspection = new InspectionStore(INSPECTION_CAPACITY);
        CollectorRoutes collector = new CollectorRoutes(
                CollectorConfig.defaults("signalbox-" + Main.version()),
                enricher::enrich,
                new LogEventSink(log),
                inspection::add,
                clock);
        MicroRoutes micro = new MicroRoutes(inspection, enricher.igluResolver());
        AtomicBoolean ready = new AtomicBoolean();

        enricher.warmUp();
        Javalin http = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.jsonMapper(new JavalinJackson3(Json.MAPPER, false));
            config.startup.showJavalinBanner = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.modifyHttpConfiguration(jetty -> jetty.setRequestHeaderSize(MAX_REQUEST_HEAD_BYTES));
            config.routes.get("/health", ctx -> {
                if (ready.get()) {
                    ctx.contentType("text/plain").result("ok");
                } else {
                    ctx.status(503).contentType("text/plain").result("starting");
                }
            });
            collector.addRoutes(config.routes);
            micro.addRoutes(config.routes);
            collector.addWebhookRoutes(config.routes);
        });
        http.start();
        ready.set(true);
        String base = "http://" + displayHost(settings.host()) + ":" + http.port();
        LOG.info(
                "Signalbox {} ready: collector {}/com.snowplowanalytics.snowplow/tp2, inspection {}/micro/all, "
                        + "health {}/health",
                Main.version(),
                base,
                base,
                base);
        return new EmbeddedNode(store, log, http);
    }

    /** The port the node listens on. */
    public int port() {
        return http.port();
    }

    /** The number of events in the event log. */
    public long eventLogEnd() {
        return log.endOffset();
    }

    private static String displayHost(String host) {
        return "0.0.0.0".equals(host) || "::".equals(host) ? "localhost" : host;
    }

    /** Stops taking requests, finishes the ones in flight, flushes and closes the stores. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Signalbox stopping");
        http.stop();
        log.close();
        store.close();
        LOG.info("Signalbox stopped");
    }
}
