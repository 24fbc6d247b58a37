package io.signalbox.tracking;

import io.signalbox.events.SchemaKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** One place schemas can be fetched from, laid out as a static Iglu repository. */
sealed interface SchemaRepository {

    /** The name used in lookup histories. */
    String name();

    /** Looks the schema up; never throws. */
    Fetch fetch(SchemaKey key);

    /** The outcome of one lookup in one repository. */
    sealed interface Fetch {
        /** The schema text. */
        record Hit(String text) implements Fetch {}

        /** The repository answered that it has no such schema. */
        record Miss() implements Fetch {}

        /**
         * The repository could not answer.
         *
         * @param kind {@code RepoFailure} (the repository is unreachable or erred) or {@code ClientFailure} (its
         *     answer could not be used)
         * @param message what happened
         */
        record Failure(String kind, String message) implements Fetch {}
    }

    /** Whether a key is safe to turn into a path: no {@code ..} and no leading dot in any segment. */
    static boolean isSafe(SchemaKey key) {
        return !key.vendor().startsWith(".") && !key.vendor().contains("..");
    }

    /** The schemas shipped with this module under {@code iglu/schemas/}. */
    record Embedded() implements SchemaRepository {
        @Override
        public String name() {
            return "Signalbox built-in";
        }

        @Override
        public Fetch fetch(SchemaKey key) {
            String resource = "iglu/schemas/" + key.toPath();
            try (InputStream in = Embedded.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    return new Fetch.Miss();
                }
                return new Fetch.Hit(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return new Fetch.Failure("RepoFailure", "cannot read resource " + resource + ": " + e.getMessage());
            }
        }
    }

    /**
     * A directory holding {@code schemas/<vendor>/<name>/<format>/<version>} (or the same without the {@code
     * schemas} level).
     */
    record Directory(Path root) implements SchemaRepository {
        @Override
        public String name() {
            return "local " + root;
        }

        @Override
        public Fetch fetch(SchemaKey key) {
            Path base = Files.isDirectory(root.resolve("schemas")) ? root.resolve("schemas") : root;
            Path file = base.resolve(key.toPath()).normalize();
            if (!file.startsWith(base.normalize())) {
                return new Fetch.Miss();
            }
            try {
                return new Fetch.Hit(Files.readString(file, StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                return new Fetch.Miss();
            } catch (IOException | RuntimeException e) {
                return new Fetch.Failure("RepoFailure", "cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    /** A static Iglu repository served over HTTP at {@code <base>/schemas/<vendor>/<name>/<format>/<version>}. */
    record Remote(URI base, HttpClient client, Duration timeout) implements SchemaRepository {
        @Override
        public String name() {
            return base.toString();
        }

        @Override
        public Fetch fetch(SchemaKey key) {
            String prefix = base.toString().replaceAll("/+$", "");
            URI uri = URI.create(prefix + "/schemas/" + key.toPath());
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                return switch (response.statusCode()) {
                    case 200 -> new Fetch.Hit(response.body());
                    case 404 -> new Fetch.Miss();
                    default ->
                        new Fetch.Failure("RepoFailure", "HTTP status " + response.statusCode() + " from " + uri);
                };
            } catch (HttpTimeoutException e) {
                return new Fetch.Failure("RepoFailure", "timed out after " + timeout + " fetching " + uri);
            } catch (IOException e) {
                return new Fetch.Failure("RepoFailure", "cannot fetch " + uri + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Fetch.Failure("RepoFailure", "interrupted fetching " + uri);
            }
        }
    }
}
