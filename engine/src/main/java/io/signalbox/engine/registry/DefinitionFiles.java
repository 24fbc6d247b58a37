package io.signalbox.engine.registry;

import io.signalbox.attributes.DefinitionException;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.Definitions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Definition files: JSON or YAML documents of attribute keys, groups, services and interventions (see {@link
 * DefinitionParser}), loaded into the registry at start.
 */
public final class DefinitionFiles {
    private DefinitionFiles() {}

    /**
     * Loads every {@code .json}, {@code .yaml} and {@code .yml} file of a directory, in name order.
     *
     * @return how many definitions were created or changed
     * @throws DefinitionFileException naming the file and each problem when a file cannot be used
     */
    public static int loadDirectory(Registry registry, Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new DefinitionFileException("definitions directory " + directory + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(DefinitionFiles::isDefinitionFile).sorted().toList();
        } catch (IOException e) {
            throw new DefinitionFileException("cannot list definitions directory " + directory + ": " + e.getMessage());
        }
        int changed = 0;
        for (Path file : files) {
            changed += loadText(registry, read(file), file.toString());
        }
        return changed;
    }

    /** Loads one document's text; {@code source} names it in messages. */
    public static int loadText(Registry registry, String text, String source) {
        Definitions definitions;
        try {
            definitions = DefinitionParser.parseDocument(text);
        } catch (DefinitionException e) {
            throw new DefinitionFileException(source + ": " + String.join("; ", e.problems()));
        }
        try {
            return registry.load(definitions, source);
        } catch (RegistryException e) {
            throw new DefinitionFileException(source + ": " + e.getMessage());
        }
    }

    private static boolean isDefinitionFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > DefinitionParser.MAX_TEXT_BYTES) {
                throw new DefinitionFileException(
                        file + ": a definition file may have at most " + DefinitionParser.MAX_TEXT_BYTES + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DefinitionFileException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A definition file that cannot be loaded; the message names the file and the problems. */
    public static final class DefinitionFileException extends RuntimeException {
        public DefinitionFileException(String message) {
            super(message);
        }
    }
}
