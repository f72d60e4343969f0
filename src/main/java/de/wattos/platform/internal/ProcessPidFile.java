package de.wattos.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <data dir>/wattos.pid}: which process runs WattOS on this data directory. The launcher reads it for
 * {@code ./wattos stop} and {@code ./wattos status}; a start uses it to tell a live owner of the embedded database
 * from a dead one. Removed on a normal exit; after a crash it is stale and ignored (its process is gone).
 */
final class ProcessPidFile {

    private static final Logger log = LoggerFactory.getLogger(ProcessPidFile.class);
    static final String NAME = "wattos.pid";

    private ProcessPidFile() {
    }

    /** Records this process as the one running on {@code dataDir}; refuses when another live WattOS does. */
    static void claim(Path dataDir) {
        owner(dataDir).filter(h -> h.pid() != ProcessHandle.current().pid()).filter(ProcessPidFile::isJava).ifPresent(h -> {
            throw new IllegalStateException("WattOS already runs on the data directory " + dataDir + " (pid " + h.pid()
                    + "). Stop it first (./wattos stop) or use another data directory (WATTOS_DATA_DIR).");
        });
        Path file = dataDir.resolve(NAME);
        String self = Long.toString(ProcessHandle.current().pid());
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file, self + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("Cannot write {}: {}", file, e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("pid-file").unstarted(() -> {
            // only our own entry: a later process on the same data dir may have replaced it
            if (owner(dataDir).filter(h -> h.pid() == ProcessHandle.current().pid()).isPresent()) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a stale file is harmless: its process is gone
                }
            }
        }));
    }

    static boolean isJava(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")), StandardCharsets.UTF_8).contains("java");
        } catch (IOException | RuntimeException e) {
            return p.info().command().map(c -> c.contains("java")).orElse(true);
        }
    }

    /** The live process the pid file names, if any. */
    static Optional<ProcessHandle> owner(Path dataDir) {
        try {
            long pid = Long.parseLong(Files.readString(dataDir.resolve(NAME), StandardCharsets.UTF_8).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
