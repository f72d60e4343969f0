package de.wattos.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL left running by a WattOS process that died without stopping it ({@code kill -9}, OOM
 * kill, power to the JVM only). It still holds the data directory, so a new start would wait for it and give up.
 * Found by the data directory's {@code postmaster.pid} and stopped (fast shutdown: open transactions are rolled
 * back, committed data is kept). A live WattOS on the same data directory never gets here: its pid file refuses the
 * second start first.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(30);
    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(10);

    private OrphanedPostmaster() {
    }

    /** Stops the postmaster that still runs on {@code dataDir}, if any; returns its pid when one was stopped. */
    static Optional<Long> stopIfRunning(Path dataDir) {
        Optional<ProcessHandle> postmaster = find(dataDir);
        if (postmaster.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle p = postmaster.get();
        // the server runs detached (its parent is init, not a JVM); a live WattOS on this data dir was refused
        // already by its pid file (ProcessPidFile.claim), so whoever started this server is gone
        log.warn("An embedded PostgreSQL (pid {}) from an earlier WattOS process still runs on {}: stopping it", p.pid(), dataDir);
        // SIGINT = PostgreSQL's fast shutdown, SIGQUIT = immediate shutdown (crash recovery on the next start)
        if (!signal(p, "INT", FAST_SHUTDOWN) && !signal(p, "QUIT", IMMEDIATE_SHUTDOWN)) {
            p.destroyForcibly();
            waitFor(p, IMMEDIATE_SHUTDOWN);
        }
        if (p.isAlive()) {
            throw new IllegalStateException("Could not stop the leftover PostgreSQL process " + p.pid() + " on " + dataDir);
        }
        return Optional.of(p.pid());
    }

    /** The live postmaster named by {@code postmaster.pid}, if it really is a PostgreSQL server on this directory. */
    static Optional<ProcessHandle> find(Path dataDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("Cannot read {}: {}", dataDir.resolve("postmaster.pid"), e.getMessage());
            return Optional.empty();
        }
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!sameDirectory(lines.get(1).strip(), dataDir)) {
            return Optional.empty();
        }
        // a stale file's pid may belong to an unrelated process by now
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(OrphanedPostmaster::isPostgres);
    }

    private static boolean sameDirectory(String recorded, Path dataDir) {
        try {
            return Path.of(recorded).toRealPath().equals(dataDir.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isPostgres(ProcessHandle p) {
        return command(p).contains("postgres");
    }

    private static String command(ProcessHandle p) {
        // /proc shows the command line even where ProcessHandle.info() cannot (other users, short-lived handles)
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine().or(() -> p.info().command()).orElse("");
        }
    }

    private static boolean signal(ProcessHandle p, String signal, Duration wait) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).redirectErrorStream(true).start();
            kill.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            kill.waitFor();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return waitFor(p, wait);
    }

    private static boolean waitFor(ProcessHandle p, Duration wait) {
        try {
            p.onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
