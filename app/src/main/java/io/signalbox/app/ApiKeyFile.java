package io.signalbox.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys a node accepts: those given with {@code --api-key}, else the key kept in {@code <data-dir>/api-key},
 * generated on first start (readable by its owner only), so a restart keeps the same key.
 */
final class ApiKeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyFile.class);
    static final String FILE_NAME = "api-key";

    private ApiKeyFile() {}

    static List<String> resolve(List<String> given, Path dataDir) {
        if (!given.isEmpty()) {
            return given;
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!key.isEmpty()) {
                    return List.of(key);
                }
            }
            String key = generate();
            Files.createDirectories(dataDir);
            Files.writeString(
                    file,
                    key + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            restrict(file);
            LOG.info("Generated an API key in {}; send it as 'Authorization: Bearer <key>'", file);
            return List.of(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the API key file " + file, e);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "sbx_" + HexFormat.of().formatHex(bytes);
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.warn("Could not restrict the permissions of {}: {}", file, e.toString());
        }
    }
}
