package io.signalbox.app;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson3;
import io.signalbox.api.ApiKeys;
import io.signalbox.api.ApiRoutes;
import io.signalbox.api.OpenApiRoutes;
import io.signalbox.api.SignalsApi;
import io.signalbox.api.interventions.InterventionHub;
import io.signalbox.api.interventions.InterventionRoutes;
import io.signalbox.api.metrics.ApiMetrics;
import io.signalbox.api.registry.RegistryRoutes;
import io.signalbox.api.serving.AttributeGroupTesting;
import io.signalbox.api.serving.OnlineAttributes;
import io.signalbox.api.serving.ServingRoutes;
import io.signalbox.api.serving.ServingView;
import io.signalbox.app.ClusterOptions.Role;
import io.signalbox.cluster.Cluster;
import io.signalbox.cluster.ClusterEngine;
import io.signalbox.cluster.ClusterInterventions;
import io.signalbox.cluster.ClusterLag;
import io.signalbox.cluster.ClusterSettings;
import io.signalbox.cluster.ClusterWarehouseLoader;
import io.signalbox.cluster.KafkaEventSink;
import io.signalbox.cluster.RedisDeliveryClaims;
import io.signalbox.demo.SiteRoutes;
import io.signalbox.engine.registry.DefinitionFiles;
import io.signalbox.engine.registry.Registry;
import io.signalbox.engine.warehouse.DuckDbWarehouse;
import io.signalbox.events.Json;
import io.signalbox.scoring.model.ModelFiles;
import io.signalbox.scoring.predict.AttributeClient;
import io.signalbox.scoring.predict.ModelStore;
import io.signalbox.scoring.predict.PredictRoutes;
import io.signalbox.scoring.predict.PredictService;
import io.signalbox.tracking.Enricher;
import io.signalbox.tracking.collector.CollectorRoutes;
import io.signalbox.tracking.micro.InspectionStore;
import io.signalbox.tracking.micro.MicroRoutes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Signalbox process of a cluster: the parts its roles name, sharing Kafka and Redis with the other nodes.
 *
 * <ul>
 *   <li><b>collector</b>: the collector routes; enriched events and bad rows go to Kafka, and a request is answered
 *       once the brokers have acknowledged its records.
 *   <li><b>engine</b>: an instance of the Kafka Streams engine and of the materialiser that copies committed states
 *       to Redis; run it on several nodes and they share the partitions.
 *   <li><b>api</b>: the Signals-compatible API, reading profiles from Redis and the registry from Redis, and the
 *       interventions of every engine instance for the streams this node holds; {@code /predict} with the models of
 *       the node's data directory (it calls this node's API); the demo site.
 *   <li><b>warehouse</b>: a DuckDB warehouse in the data directory that {@link ClusterWarehouseLoader} fills from the
 *       enriched topic; each warehouse node gets the whole stream. The testing route of an API node reads the
 *       warehouse of its own node, empty when the node has no warehouse role.
 * </ul>
 *
 * <p>Every node loads its definition directories into the shared registry at start (loading is idempotent) and
 * serves {@code /health} and {@code /metrics}.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    private static final Duration MODEL_REFRESH = Duration.ofSeconds(2);
    private static final Duration ENGINE_SESSION_TIMEOUT = Duration.ofSeconds(10);

    private final Deque<AutoCloseable> closeInOrder;
    private final Javalin http;
    private final Registry registry;
    private final ClusterEngine engine;
    private final ClusterLag lag;
    private final ClusterWarehouseLoader warehouseLoader;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClusterNode(
            Deque<AutoCloseable> closeInOrder,
            Javalin http,
            Registry registry,
            ClusterEngine engine,
            ClusterLag lag,
            ClusterWarehouseLoader warehouseLoader) {
        this.warehouseLoader = warehouseLoader;
        this.closeInOrder = closeInOrder;
        this.http = http;
        this.registry = registry;
        this.engine = engine;
        this.lag = lag;
    }

    /** Connects to the cluster, starts this node's parts and logs the URLs once ready. */
    public static ClusterNode start(NodeSettings settings, ClusterOptions options) {
        return start(settings, options, InstantSource.system());
    }

    /** Starts a node whose collector, engine and API read time from {@code clock}. */
    public static ClusterNode start(NodeSettings settings, ClusterOptions options, InstantSource clock) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            return start(settings, options, clock, opened);
        } catch (RuntimeException e) {
            OpenedParts.closeAll(opened);
            throw e;
        }
    }

    private static ClusterNode start(
            NodeSettings settings, ClusterOptions options, InstantSource clock, Deque<AutoCloseable> opened) {
        // 1. The shared stores, and this node's definitions loaded into the shared registry.
        ClusterSettings cluster = options.settings();
        Cluster connection = OpenedParts.push(opened, Cluster.connect(cluster));
        Registry registry = new Registry(connection.registryStore());
        for (Path directory : settings.definitionDirs()) {
            DefinitionFiles.loadDirectory(registry, directory);
        }

        // 2. The parts this node's roles name, in the order of the flow.
        ApiMetrics metrics = new ApiMetrics();
        ClusterLag lag = OpenedParts.push(opened, new ClusterLag(cluster));
        metrics.gauge("signalbox_engine_lag_events", "Events collected but not yet reflected in Redis", lag, l -> {
            try {
                return l.total();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        });
        ClusterEngine engine = null;
        if (options.runs(Role.ENGINE)) {
            engine = OpenedParts.push(
                    opened,
                    ClusterEngine.start(
                            cluster,
                            registry,
                            connection.redis(),
                            clock,
                            settings.dataDir().resolve("streams"),
                            ENGINE_SESSION_TIMEOUT));
            registerEngineMeters(metrics, engine);
        }
        DuckDbWarehouse warehouse = options.runs(Role.API) || options.runs(Role.WAREHOUSE)
                ? OpenedParts.push(opened, DuckDbWarehouse.openInDataDir(settings.dataDir()))
                : null;
        ClusterWarehouseLoader loader = null;
        if (options.runs(Role.WAREHOUSE)) {
            loader = OpenedParts.push(
                    opened, new ClusterWarehouseLoader(cluster, warehouse, loaderId(settings.dataDir())));
            metrics.counter(
                    "signalbox_warehouse_loaded_events",
                    "Events this node loaded into its warehouse",
                    loader::loadedCount);
        }
        List<RouteGroup> routes = new ArrayList<>();
        if (options.runs(Role.COLLECTOR)) {
            routes.add(collector(settings, cluster, clock, metrics, opened));
        }
        InterventionHub hub = options.runs(Role.API)
                ? new InterventionHub(
                        InterventionHub.DEFAULT_HOLD,
                        System::nanoTime,
                        new RedisDeliveryClaims(cluster, connection.redis()))
                : null;
        AtomicReference<URI> self = new AtomicReference<>();
        if (hub != null) {
            routes.add(api(settings, cluster, connection, registry, hub, warehouse, self, clock, metrics, opened));
        }

        // 3. One HTTP server for every role's routes, with health and metrics.
        AtomicBoolean ready = new AtomicBoolean();
        Javalin http = Javalin.create(config -> {
            HttpStack.configure(config, settings.host(), settings.port());
            config.jsonMapper(new JavalinJackson3(Json.MAPPER, false));
            metrics.addRoutes(config.routes);
            config.routes.get("/health", ctx -> {
                if (ready.get()) {
                    ctx.contentType("text/plain").result("ok");
                } else {
                    ctx.status(503).contentType("text/plain").result("starting");
                }
            });
            config.routes.get("/health-all", ctx -> healthAll(ctx, ready.get(), options));
            for (RouteGroup group : routes) {
                group.add(config.routes);
            }
        });
        http.start();
        opened.push(http::stop);
        String host = OpenedParts.loopback(settings.host());
        self.set(URI.create("http://" + host + ":" + http.port()));
        if (hub != null) {
            // Open event streams hold their requests: end them before the server waits for requests to finish.
            opened.push(hub);
        }
        ready.set(true);
        LOG.info(
                "Signalbox {} cluster node ready on http://{}:{} roles={} kafka=[{}] redis=[{}] namespace=[{}]",
                Main.version(),
                settings.host(),
                http.port(),
                options.roles(),
                cluster.kafkaBootstrap(),
                cluster.redisAddress(),
                cluster.namespace());
        return new ClusterNode(opened, http, registry, engine, lag, loader);
    }

    /** A set of routes added to the HTTP server once it is configured. */
    private interface RouteGroup {
        void add(RoutesConfig routes);
    }

    private static RouteGroup collector(
            NodeSettings settings,
            ClusterSettings cluster,
            InstantSource clock,
            ApiMetrics metrics,
            Deque<AutoCloseable> opened) {
        KafkaEventSink sink = OpenedParts.push(opened, new KafkaEventSink(cluster));
        Enricher enricher =
                new Enricher(settings.config().enrichment().withProcessor("signalbox", Main.releaseVersion()), clock);
        enricher.warmUp();
        InspectionStore inspection = new InspectionStore(settings.config().inspectionCapacity());
        CollectedCounts collected = new CollectedCounts();
        CollectorTimings timings = new CollectorTimings(metrics);
        CollectorRoutes collector = new CollectorRoutes(
                settings.config().collector(),
                timings.enrichment(enricher::enrich),
                timings.sink(sink),
                result -> {
                    inspection.add(result);
                    collected.add(result);
                },
                clock);
        metrics.counter("signalbox_collector_good_events", "Enriched events accepted", collected::good);
        metrics.counter("signalbox_collector_bad_rows", "Bad rows written", collected::bad);
        MicroRoutes micro = new MicroRoutes(inspection, enricher.igluResolver());
        return routes -> {
            collector.addRoutes(routes);
            micro.addRoutes(routes);
            collector.addWebhookRoutes(routes);
        };
    }

    private static RouteGroup api(
            NodeSettings settings,
            ClusterSettings cluster,
            Cluster connection,
            Registry registry,
            InterventionHub hub,
            DuckDbWarehouse warehouse,
            AtomicReference<URI> self,
            InstantSource clock,
            ApiMetrics metrics,
            Deque<AutoCloseable> opened) {
        ClusterInterventions interventions =
                OpenedParts.push(opened, new ClusterInterventions(cluster, hub, connection.redis()));
        OnlineAttributes online = new OnlineAttributes(new ServingView(registry), connection.profileStore(), clock);
        List<ApiRoutes> parts = List.of(
                new RegistryRoutes(registry),
                new ServingRoutes(online, new AttributeGroupTesting(registry, warehouse, clock)),
                new InterventionRoutes(hub, interventions, registry),
                new OpenApiRoutes());
        SignalsApi api = new SignalsApi(
                new ApiKeys(ApiKeyFile.resolve(settings.apiKeys(), settings.dataDir())),
                settings.config().api().corsOrigins(),
                parts);
        hub.registerMeters(metrics);
        metrics.counter(
                "signalbox_interventions_undelivered",
                "Pushed interventions that found no subscriber on any node",
                interventions::undeliveredCount);
        // /predict reads attributes through this node's own API over HTTP, as any client would.
        ModelStore models = OpenedParts.push(
                opened, ModelStore.open(settings.dataDir().resolve("models"), new ModelFiles(), MODEL_REFRESH));
        AttributeClient selfClient = OpenedParts.push(
                opened,
                new AttributeClient(
                        self::get,
                        ApiKeyFile.resolve(settings.apiKeys(), settings.dataDir())
                                .getFirst()));
        PredictRoutes predict = new PredictRoutes(new PredictService(models, selfClient));
        SiteRoutes site = new SiteRoutes(settings.config().sitePollSeconds());
        return routes -> {
            api.addRoutes(routes);
            predict.addRoutes(routes);
            site.addRoutes(routes);
        };
    }

    private static void registerEngineMeters(ApiMetrics metrics, ClusterEngine engine) {
        metrics.counter(
                "signalbox_engine_events_processed",
                "Routed events this node's engine applied (once per attribute key in use)",
                engine::processedEvents);
        metrics.counter(
                "signalbox_engine_unreadable_events",
                "Entries dropped as not enriched events",
                engine::unreadableEvents);
        metrics.counter(
                "signalbox_engine_profiles_materialised",
                "Profile states this node wrote to Redis",
                engine::materialisedProfiles);
        metrics.gauge("signalbox_engine_running", "1 while the Streams engine runs", engine, e -> e.running() ? 1 : 0);
    }

    private static void healthAll(Context ctx, boolean ready, ClusterOptions options) {
        String status = ready ? "ok" : "starting";
        ObjectNode body = Json.NODES.objectNode().put("status", status);
        ObjectNode parts = body.putObject("dependencies");
        for (Role role : options.roles()) {
            parts.put(role.name().toLowerCase(Locale.ROOT), status);
        }
        ctx.status(ready ? 200 : 503).contentType("application/json").result(Json.write(body));
    }

    /** The id of this data directory's warehouse consumer group, created on first use. */
    private static String loaderId(Path dataDir) {
        Path file = dataDir.resolve("warehouse-loader-id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(dataDir);
            String id = UUID.randomUUID().toString();
            Files.writeString(file, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the warehouse loader id in " + file, e);
        }
    }

    /** The port the node listens on. */
    public int port() {
        return http.port();
    }

    public Registry registry() {
        return registry;
    }

    /** This node's warehouse loader, or null when it runs no warehouse. */
    public ClusterWarehouseLoader warehouseLoader() {
        return warehouseLoader;
    }

    /** This node's engine instance, or null when it runs no engine. */
    public ClusterEngine engine() {
        return engine;
    }

    /**
     * Waits until every event the cluster's collectors have acknowledged so far is reflected in Redis.
     *
     * @return whether it is, within the timeout
     */
    public boolean awaitProcessed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lag.total() == 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /**
     * Waits until this node's warehouse holds every event the collectors have acknowledged so far.
     *
     * @return whether it does, within the timeout
     * @throws IllegalStateException when this node runs no warehouse
     */
    public boolean awaitWarehouseLoaded(Duration timeout) throws InterruptedException {
        if (warehouseLoader == null) {
            throw new IllegalStateException("this node has no warehouse role");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lag.enrichedBehind(warehouseLoader.groupId()) == 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Stops taking requests, finishes the engine's transactions and leaves the cluster. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Signalbox cluster node stopping");
        OpenedParts.closeAll(closeInOrder);
        LOG.info("Signalbox cluster node stopped");
    }
}
