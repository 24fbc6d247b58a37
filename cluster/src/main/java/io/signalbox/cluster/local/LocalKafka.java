package io.signalbox.cluster.local;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one process) for tests and benchmarks on one machine,
 * started in a child JVM from the Kafka jars on the class path ({@code org.apache.kafka:kafka_2.13}), on loopback
 * ports with a temporary log directory. One broker serves a whole JVM; its users keep apart by their own topic
 * namespace. It stops when this JVM exits, and the child stops by itself when its parent goes away (it watches its
 * standard input). Not for production: a cluster runs on brokers of its own.
 */
public final class LocalKafka {
    private static LocalKafka shared;

    private final Process process;
    private final String bootstrap;
    private final Path dir;

    private LocalKafka(Process process, String bootstrap, Path dir) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.dir = dir;
    }

    /** The broker of this JVM, started on first use. */
    public static synchronized LocalKafka shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start a Kafka broker: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting a Kafka broker", e);
            }
            LocalKafka broker = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
        }
        return shared;
    }

    /** {@code 127.0.0.1:port}. */
    public String bootstrap() {
        return bootstrap;
    }

    private static LocalKafka start() throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path dir = Files.createTempDirectory("signalbox-kafka");
        int brokerPort = freePort();
        int controllerPort = freePort();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(dir.resolve("logs"), brokerPort, controllerPort));
        Path log = dir.resolve("broker.log");

        Process format = java(List.of(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException(
                    "formatting the Kafka log directory failed; see " + log + ":\n" + Files.readString(log));
        }
        Process broker = java(List.of(BrokerMain.class.getName(), config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        String bootstrap = "127.0.0.1:" + brokerPort;
        awaitReady(broker, bootstrap, log);
        System.out.printf(
                "Kafka broker %s ready in %d ms (KRaft, log dir %s)%n",
                bootstrap, (System.nanoTime() - started) / 1_000_000, dir);
        return new LocalKafka(broker, bootstrap, dir);
    }

    private static ProcessBuilder java(List<String> mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                brokerClassPath()));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command);
    }

    /**
     * This JVM's class path without the jars built for Scala 2.12 (XGBoost's): the broker is built for 2.13, and
     * Scala 2.12's collection-compat shims would shadow classes of the 2.13 library. When this JVM was started with
     * {@code -jar} (the class path is the application's jar alone), that jar is replaced by the jars its manifest
     * names, since a jar on the class path brings its manifest's class path along.
     */
    private static String brokerClassPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator))) {
            entries.add(Path.of(entry).toAbsolutePath());
        }
        if (entries.size() == 1 && !manifestClassPath(entries.getFirst()).isEmpty()) {
            entries = manifestClassPath(entries.getFirst());
        }
        StringBuilder classPath = new StringBuilder();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.contains("_2.12") || name.startsWith("scala-library-2.12")) {
                continue;
            }
            classPath.append(classPath.isEmpty() ? "" : File.pathSeparator).append(entry);
        }
        return classPath.toString();
    }

    /** The entries of a jar's {@code Class-Path} manifest attribute, resolved against its directory; empty if none. */
    private static List<Path> manifestClassPath(Path path) {
        if (!path.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(path)) {
            return List.of();
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            List<Path> named = new ArrayList<>();
            for (String item : classPath.trim().split("\\s+")) {
                URI uri = path.getParent().toUri().resolve(item);
                named.add(Path.of(uri));
            }
            return named;
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }

    private static String serverProperties(Path logs, int brokerPort, int controllerPort) {
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "group.min.session.timeout.ms=1000",
                "transaction.abort.timed.out.transaction.cleanup.interval.ms=1000",
                "log.segment.bytes=16777216",
                "");
    }

    private static void awaitReady(Process broker, String bootstrap, Path log)
            throws InterruptedException, IOException {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (Admin admin = Admin.create(properties)) {
            while (System.nanoTime() < deadline) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException(
                            "the Kafka broker exited with " + broker.exitValue() + "; see " + log + ":\n" + tail(log));
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    admin.listTopics().names().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    Thread.sleep(200);
                }
            }
        }
        broker.destroyForcibly();
        throw new IllegalStateException("the Kafka broker did not answer within 120 s; see " + log + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
        TempFiles.deleteTree(dir);
    }

    /** The broker's main in the child: runs Kafka, and halts when the parent closes standard input. */
    public static final class BrokerMain {
        private BrokerMain() {}

        public static void main(String[] args) throws ReflectiveOperationException {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // wait for the parent to go away
                    }
                } catch (IOException ignored) {
                    // the parent is gone
                }
                Runtime.getRuntime().halt(0);
            });
            // By name: the broker's jars are needed at run time only, by tests and benchmarks.
            Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
        }
    }
}
