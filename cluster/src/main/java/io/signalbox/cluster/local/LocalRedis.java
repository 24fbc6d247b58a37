package io.signalbox.cluster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/**
 * A real redis-server (Debian's package) on a loopback port with a temporary directory and no persistence, for tests
 * and benchmarks on one machine. One server serves a whole JVM; its users keep apart by their key namespace. A
 * missing redis-server fails with what to install.
 */
public final class LocalRedis {
    private static LocalRedis shared;

    private final Process process;
    private final int port;
    private final Path dir;

    private LocalRedis(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized LocalRedis shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot start redis-server (Debian: apt-get install redis-server): " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting redis-server", e);
            }
            LocalRedis server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return shared;
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    private static LocalRedis start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("signalbox-redis");
        int port = LocalKafka.freePort();
        Path log = dir.resolve("redis.log");
        Process process = new ProcessBuilder(List.of(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toString(),
                        "--daemonize",
                        "no"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "redis-server exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (RedisClient client = RedisClient.create("127.0.0.1", port)) {
                if ("PONG".equals(client.ping())) {
                    return new LocalRedis(process, port, dir);
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not answer within 20 s:\n" + Files.readString(log));
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
        TempFiles.deleteTree(dir);
    }
}
