package io.signalbox.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the npm clients of {@code clients/} (official Snowplow trackers and SDKs, playwright-core) from tests. A
 * missing Node.js, missing packages or a missing browser fail the test with a message that says what to install.
 */
final class Clients {
    private Clients() {}

    /** The repository root, as the build tells it. */
    static Path root() {
        String root = System.getProperty("signalbox.root");
        if (root == null) {
            throw new IllegalStateException("system property signalbox.root is not set (run the tests with Maven)");
        }
        return Path.of(root);
    }

    static Path clientsDir() {
        Path dir = root().resolve("clients");
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException("npm packages are missing: run 'npm ci' in " + dir);
        }
        return dir;
    }

    /** Runs {@code node scripts/<script> args...} in {@code clients/} and returns its standard output. */
    static String node(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "scripts/" + script));
        command.addAll(List.of(args));
        return run(command, 180);
    }

    /** Bundles a browser entry point of {@code clients/browser/} with esbuild into {@code out}. */
    static void bundle(String entry, Path out) throws IOException, InterruptedException {
        run(
                List.of(
                        "node_modules/.bin/esbuild",
                        "browser/" + entry,
                        "--bundle",
                        "--format=iife",
                        "--target=es2020",
                        "--outfile=" + out.toAbsolutePath()),
                60);
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(command).directory(clientsDir().toFile()).start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + ":\n" + stderr.join());
        }
        return stdout.join();
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
