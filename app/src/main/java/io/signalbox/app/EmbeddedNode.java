package io.signalbox.app;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import io.signalbox.api.ApiKeys;
import io.signalbox.api.OpenApiRoutes;
import io.signalbox.api.SignalsApi;
import io.signalbox.api.interventions.InterventionHub;
import io.signalbox.api.interventions.InterventionRoutes;
import io.signalbox.api.interventions.InterventionTrigger;
import io.signalbox.api.metrics.ApiMetrics;
import io.signalbox.api.registry.RegistryRoutes;
import io.signalbox.api.serving.AttributeGroupTesting;
import io.signalbox.api.serving.OnlineAttributes;
import io.signalbox.api.serving.ServingRoutes;
import io.signalbox.api.serving.ServingView;
import io.signalbox.demo.DashboardRoutes;
import io.signalbox.demo.SiteRoutes;
import io.signalbox.engine.log.LogEventSink;
import io.signalbox.engine.log.RocksEventLog;
import io.signalbox.engine.processor.AttributeProcessor;
import io.signalbox.engine.processor.ProcessorConfig;
import io.signalbox.engine.profile.RocksProfileStore;
import io.signalbox.engine.registry.DefinitionFiles;
import io.signalbox.engine.registry.Registry;
import io.signalbox.engine.registry.RocksRegistryStore;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.engine.warehouse.DuckDbWarehouse;
import io.signalbox.engine.warehouse.WarehouseBackfill;
import io.signalbox.engine.warehouse.WarehouseLoader;
import io.signalbox.events.Json;
import io.signalbox.scoring.model.ModelFiles;
import io.signalbox.scoring.predict.AttributeClient;
import io.signalbox.scoring.predict.ModelStore;
import io.signalbox.scoring.predict.PredictRoutes;
import io.signalbox.scoring.predict.PredictService;
import io.signalbox.scoring.simulator.SimulatedVisitors;
import io.signalbox.tracking.Enricher;
import io.signalbox.tracking.collector.CollectorRoutes;
import io.signalbox.tracking.micro.InspectionStore;
import io.signalbox.tracking.micro.MicroRoutes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Signalbox process with the embedded stores: collector and enrichment, the event log, the warehouse loader,
 * the attribute processor and the HTTP endpoints, on one port.
 *
 * <p>Parts are started in the order of the flow and closed in reverse: the HTTP server first (no new events), then
 * the processor and the loader (each finishes its batch and commits), then the log, the warehouse and the store.
 */
public final class EmbeddedNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNode.class);
    private static final long BLOCK_CACHE_BYTES = 256L << 20;
    /** How often the models directory is looked at for a newer model. */
    private static final Duration MODEL_REFRESH = Duration.ofSeconds(2);

    private final Deque<AutoCloseable> closeInOrder;
    private final Javalin http;
    private final RocksEventLog log;
    private final AttributeProcessor processor;
    private final WarehouseLoader loader;
    private final Registry registry;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedNode(
            Deque<AutoCloseable> closeInOrder,
            Javalin http,
            RocksEventLog log,
            AttributeProcessor processor,
            WarehouseLoader loader,
            Registry registry) {
        this.closeInOrder = closeInOrder;
        this.http = http;
        this.log = log;
        this.processor = processor;
        this.loader = loader;
        this.registry = registry;
    }

    /** Opens the stores, loads definitions, starts serving and logs the URLs once ready. */
    public static EmbeddedNode start(NodeSettings settings) {
        return start(settings, InstantSource.system());
    }

    /**
     * Starts a node whose collector, engine and API read time from {@code clock}: tests move a manual clock to ask
     * what the API answers at a given instant.
     */
    public static EmbeddedNode start(NodeSettings settings, InstantSource clock) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            return start(settings, clock, opened);
        } catch (RuntimeException e) {
            OpenedParts.closeAll(opened);
            throw e;
        }
    }

    private static EmbeddedNode start(NodeSettings settings, InstantSource clock, Deque<AutoCloseable> opened) {
        Path dataDir = settings.dataDir();
        EmbeddedStore store =
                OpenedParts.push(opened, EmbeddedStore.open(dataDir.resolve("rocksdb"), BLOCK_CACHE_BYTES));
        DuckDbWarehouse warehouse = OpenedParts.push(opened, DuckDbWarehouse.openInDataDir(dataDir));
        RocksEventLog log = OpenedParts.push(
                opened,
                new RocksEventLog(
                        store,
                        settings.sync(),
                        settings.config().maxPendingLogBytes(),
                        settings.config().minFreeDiskBytes()));
        Registry registry = new Registry(new RocksRegistryStore(store));
        for (Path directory : settings.definitionDirs()) {
            DefinitionFiles.loadDirectory(registry, directory);
        }
        if (settings.prepareModel()) {
            ModelPreparation.prepareIfMissing(
                    dataDir.resolve("models"), dataDir.resolve("reports"), warehouse, registry, clock);
        }
        WarehouseLoader loader = OpenedParts.push(opened, WarehouseLoader.start(log, warehouse));
        RocksProfileStore profiles = new RocksProfileStore(store);
        InterventionHub interventions = new InterventionHub();
        AttributeProcessor processor = OpenedParts.push(
                opened,
                new AttributeProcessor(
                        store,
                        log,
                        registry,
                        new WarehouseBackfill(warehouse),
                        new InterventionTrigger(registry, profiles, interventions),
                        clock,
                        ProcessorConfig.defaults()));

        ApiMetrics metrics = new ApiMetrics();
        ServingView view = new ServingView(registry);
        OnlineAttributes online = new OnlineAttributes(view, profiles, clock);
        List<String> apiKeys = ApiKeyFile.resolve(settings.apiKeys(), dataDir);
        SignalsApi api = new SignalsApi(
                new ApiKeys(apiKeys),
                settings.config().api().corsOrigins(),
                List.of(
                        new RegistryRoutes(registry),
                        new ServingRoutes(online, new AttributeGroupTesting(registry, warehouse, clock)),
                        new InterventionRoutes(interventions, registry),
                        new OpenApiRoutes()));

        Enricher enricher =
                new Enricher(settings.config().enrichment().withProcessor("signalbox", Main.releaseVersion()), clock);
        enricher.warmUp();
        InspectionStore inspection = new InspectionStore(settings.config().inspectionCapacity());
        CollectedCounts collected = new CollectedCounts();
        // /predict reads attributes through this node's own API over HTTP, as any client would.
        AtomicReference<URI> self = new AtomicReference<>();
        ModelStore models =
                OpenedParts.push(opened, ModelStore.open(dataDir.resolve("models"), new ModelFiles(), MODEL_REFRESH));
        AttributeClient selfClient = OpenedParts.push(opened, new AttributeClient(self::get, apiKeys.getFirst()));
        PredictService predictions = new PredictService(models, selfClient);
        DashboardFeed dashboard = new DashboardFeed(predictions, collected, clock);
        CollectorTimings timings = new CollectorTimings(metrics);
        CollectorRoutes collector = new CollectorRoutes(
                settings.config().collector(),
                timings.enrichment(enricher::enrich),
                timings.sink(new LogEventSink(log)),
                result -> {
                    inspection.add(result);
                    collected.add(result);
                    dashboard.record(result);
                },
                clock);
        registerMeters(metrics, collected, log, processor, loader);
        registerOverloadMeters(metrics, collector, log);
        opened.push(JvmMeters.bind(metrics.registry()));
        interventions.registerMeters(metrics);
        metrics.counter(
                "signalbox_interventions_undelivered",
                "Pushed interventions that found no subscriber",
                interventions::undeliveredCount);
        MicroRoutes micro = new MicroRoutes(inspection, enricher.igluResolver());
        SiteRoutes site = new SiteRoutes(settings.config().sitePollSeconds());
        AtomicBoolean ready = new AtomicBoolean();

        Javalin http = Javalin.create(config -> {
            HttpStack.configure(config, settings.host(), settings.port());
            config.jsonMapper(new JavalinJackson3(Json.MAPPER, false));
            metrics.addRoutes(config.routes);
            config.routes.get("/health-all", ctx -> healthAll(ctx, ready.get()));
            config.routes.get("/health", ctx -> {
                if (ready.get()) {
                    ctx.contentType("text/plain").result("ok");
                } else {
                    ctx.status(503).contentType("text/plain").result("starting");
                }
            });
            collector.addRoutes(config.routes);
            micro.addRoutes(config.routes);
            api.addRoutes(config.routes);
            site.addRoutes(config.routes);
            new PredictRoutes(predictions).addRoutes(config.routes);
            new DashboardRoutes(dashboard).addRoutes(config.routes);
            collector.addWebhookRoutes(config.routes);
        });
        http.start();
        opened.push(http::stop);
        self.set(URI.create("http://" + OpenedParts.loopback(settings.host()) + ":" + http.port()));
        // Open event streams hold their requests: end them before the server waits for requests to finish.
        opened.push(interventions);
        ready.set(true);
        String base = "http://" + displayHost(settings.host()) + ":" + http.port();
        if (settings.simulatedVisitors() > 0) {
            opened.push(SimulatedVisitors.start(
                    java.net.URI.create("http://" + OpenedParts.loopback(settings.host()) + ":" + http.port()),
                    settings.simulatedVisitors(),
                    System.nanoTime()));
        }
        LOG.info(
                "Signalbox {} ready: site {}/, collector {}/com.snowplowanalytics.snowplow/tp2, API {}/api/v1 (docs"
                        + " {}/api/v1/docs), dashboard {}/dashboard, predict {}/predict, inspection {}/micro/all,"
                        + " metrics {}/metrics, health {}/health, computing {}, model {}",
                Main.version(),
                base,
                base,
                base,
                base,
                base,
                base,
                base,
                base,
                base,
                registry.computedGroups().stream().map(g -> g.fullName()).toList(),
                models.current().map(m -> m.info().version()).orElse("none (signalbox train writes one)"));
        return new EmbeddedNode(opened, http, log, processor, loader, registry);
    }

    private static void registerMeters(
            ApiMetrics metrics,
            CollectedCounts collected,
            RocksEventLog log,
            AttributeProcessor processor,
            WarehouseLoader loader) {
        metrics.counter("signalbox_collector_good_events", "Enriched events accepted", collected::good);
        metrics.counter("signalbox_collector_bad_rows", "Bad rows written", collected::bad);
        metrics.gauge("signalbox_event_log_end_offset", "Events in the event log", log, RocksEventLog::endOffset);
        metrics.counter(
                "signalbox_engine_events_processed",
                "Events the attribute processor applied",
                processor::processedEvents);
        metrics.gauge(
                "signalbox_engine_lag_events",
                "Events logged but not yet processed",
                processor,
                AttributeProcessor::lag);
        metrics.gauge(
                "signalbox_warehouse_loaded_offset", "Events loaded into the warehouse", loader, l -> l.loadedOffset());
    }

    private static void registerOverloadMeters(ApiMetrics metrics, CollectorRoutes collector, RocksEventLog log) {
        metrics.counter(
                "signalbox_collector_refused_in_flight",
                "Tracking requests answered 503 because the requests in flight were at their bound",
                collector::refusedInFlightCount);
        metrics.counter(
                "signalbox_collector_refused_by_sink",
                "Tracking requests answered 503 because the event log refused them or did not acknowledge in time",
                collector::refusedBySinkCount);
        metrics.counter(
                "signalbox_event_log_refused_behind",
                "Appends refused because too many bytes were waiting for the disk",
                log::refusedBehindCount);
        metrics.counter(
                "signalbox_event_log_refused_disk_full",
                "Appends refused because free disk space was below the reserve",
                log::refusedDiskFullCount);
        metrics.counter("signalbox_event_log_failed_writes", "Event log writes RocksDB failed", log::failedWriteCount);
        metrics.counter(
                "signalbox_collector_listener_failures",
                "Stored requests whose inspection, metrics or dashboard update failed (answered 200 anyway)",
                collector::listenerFailureCount);
    }

    private static void healthAll(io.javalin.http.Context ctx, boolean ready) {
        String status = ready ? "ok" : "starting";
        tools.jackson.databind.node.ObjectNode body = Json.NODES.objectNode().put("status", status);
        body.putObject("dependencies")
                .put("storage", status)
                .put("warehouse", status)
                .put("engine", status);
        ctx.status(ready ? 200 : 503).contentType("application/json").result(Json.write(body));
    }

    /** The port the node listens on. */
    public int port() {
        return http.port();
    }

    /** The number of events in the event log. */
    public long eventLogEnd() {
        return log.endOffset();
    }

    public AttributeProcessor processor() {
        return processor;
    }

    public WarehouseLoader warehouseLoader() {
        return loader;
    }

    public Registry registry() {
        return registry;
    }

    private static String displayHost(String host) {
        return "0.0.0.0".equals(host) || "::".equals(host) ? "localhost" : host;
    }

    /** Stops taking requests, lets every part finish its batch, flushes and closes the stores. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Signalbox stopping");
        OpenedParts.closeAll(closeInOrder);
        LOG.info("Signalbox stopped");
    }
}
