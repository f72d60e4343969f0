package de.wattos.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The folder where this installation keeps its state ({@code wattos.data-dir}, env {@code WATTOS_DATA_DIR},
 * default {@code ./data}): the embedded database, search indexes, generated keys. Modules take their own
 * subfolder with {@link #resolve}.
 */
@Component
public class DataDirectory {

    private final Path root;

    public DataDirectory(@Value("${wattos.data-dir:./data}") String dir) {
        this.root = Path.of(dir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** A subfolder of the data directory, created if missing. */
    public Path resolve(String name) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
        return dir;
    }
}
