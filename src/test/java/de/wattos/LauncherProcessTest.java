package de.wattos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher ({@code ./wattos start|stop|status}) with its JVM flags, as an operator runs it: repeated starts
 * that are stopped while the embedding model is still loading (the JVM must never crash), a {@code kill -9} followed
 * by a restart on the same data dir, and the generated admin password kept out of the log. Slow (one JVM per start):
 * tagged {@code slow}, run by {@code mvn -Pslow test} (and {@code .ci/run}), not by the default build.
 * {@code -Dwattos.startups=N} sets the number of starts of the loop (default 30).
 */
@Tag("slow")
class LauncherProcessTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Duration READY = Duration.ofMinutes(4);
    /**
     * What ONNX Runtime says when its native environment was released (by its own shutdown hook) while a session was
     * being created on another thread; the same race ends in SIGSEGV now and then.
     */
    private static final String RUNTIME_TORN_DOWN = "Attempt to use DefaultLogger but none has been registered";

    @TempDir Path data;

    @Test
    void startsStoppedDuringWarmUpNeverCrashTheJvm() throws Exception {
        int startups = Integer.getInteger("wattos.startups", 30);
        int crashes = 0;
        int torndownUnderACall = 0;
        List<Integer> exits = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; i < startups; i++) {
            Server server = Server.start(data, Map.of());
            server.awaitLog("WattOS ready", READY);
            // the embedding model loads in native code right after ready (warm-up): stop at staggered moments of it
            Thread.sleep(i % 6 * 300L);
            Launcher.run(data, server.port, "stop");
            int exit = server.awaitExit(Duration.ofMinutes(2));
            exits.add(exit);
            if (exit == 134 || exit == 139 || server.log().contains("SIGSEGV")) {
                crashes++;
            }
            if (server.log().contains(RUNTIME_TORN_DOWN)) {
                torndownUnderACall++;
            }
        }
        System.out.printf("start-up loop: %d starts, %d crashes, %d native runtimes torn down under a call, %d s%n",
                startups, crashes, torndownUnderACall, Duration.ofNanos(System.nanoTime() - began).toSeconds());
        assertThat(crashLogs(data)).as("JVM crash reports in the data dir").isEmpty();
        assertThat(crashes).isZero();
        assertThat(torndownUnderACall).as("ONNX Runtime released while a session was created or run").isZero();
        assertThat(exits).as("exit codes of ./wattos stop").containsOnly(0);
        try (Stream<Path> files = Files.list(ROOT)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
    }

    @Test
    void aKilledServerLeavesItsDatabaseBehindAndTheNextStartTakesOver() throws Exception {
        Server first = Server.start(data, Map.of());
        first.awaitLog("WattOS ready", READY);
        long postmaster = postmasterPid(data).orElseThrow();
        first.process.destroyForcibly(); // the launcher exec'd the JVM: this is kill -9 of the JVM itself
        first.awaitExit(Duration.ofSeconds(30));
        assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).as("orphaned postmaster").isPresent();
        assertThat(Launcher.run(data, first.port, "status").exit()).isEqualTo(3);

        Server second = Server.start(data, Map.of());
        second.awaitLog("WattOS ready", READY);
        assertThat(second.log()).contains("from an earlier WattOS process still runs");
        assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).isEmpty();
        Launcher.Result status = Launcher.run(data, second.port, "status");
        assertThat(status.exit()).isZero();
        assertThat(status.output()).contains("pid " + second.process.pid());
        assertThat(Launcher.run(data, second.port, "stop").output()).contains("stopped");
        assertThat(second.awaitExit(Duration.ofMinutes(1))).as("exit code after ./wattos stop").isZero();
        assertThat(crashLogs(data)).as("JVM crash reports in the data dir").isEmpty();
        assertThat(second.log()).doesNotContain(RUNTIME_TORN_DOWN).doesNotContain("SIGSEGV");
        assertThat(postmasterPid(data)).isEmpty();
        assertThat(data.resolve("wattos.pid")).doesNotExist();
    }

    @Test
    void theGeneratedAdminPasswordIsInTheOwnerOnlyFileButNotInTheLog() throws Exception {
        Server server = Server.start(data, Map.of("WATTOS_ADMIN_PASSWORD", ""));
        server.awaitLog("WattOS ready", READY);
        Launcher.run(data, server.port, "stop");
        server.awaitExit(Duration.ofMinutes(1));
        Path file = data.resolve("admin-password.txt");
        String password = Files.readString(file).strip();
        assertThat(password).hasSizeGreaterThan(10);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(server.log()).doesNotContain(password).contains(file.toString());
    }

    private static List<String> crashLogs(Path data) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("hs_err")).toList();
        }
    }

    private static Optional<Long> postmasterPid(Path data) throws IOException {
        Path file = data.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readAllLines(file).getFirst().strip());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    /** {@code ./wattos <command>} on the data dir. */
    static final class Launcher {
        record Result(int exit, String output) {
        }

        static ProcessBuilder builder(Path data, int port, String... args) {
            List<String> command = new ArrayList<>(List.of(ROOT.resolve("wattos").toString()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
            pb.environment().put("WATTOS_DATA_DIR", data.toString());
            pb.environment().put("WATTOS_PORT", Integer.toString(port));
            pb.environment().put("WATTOS_STOP_TIMEOUT", "90");
            return pb;
        }

        static Result run(Path data, int port, String command) throws IOException, InterruptedException {
            Process p = builder(data, port, command).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
            return new Result(p.exitValue(), out);
        }
    }

    /** A server started by {@code ./wattos start}, its output going to a log file as under a service manager. */
    static final class Server {
        final Process process;
        final int port;
        final Path log;

        private Server(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        static Server start(Path data, Map<String, String> env) throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = Files.createTempFile(data.getParent(), "wattos-", ".log");
            ProcessBuilder pb = Launcher.builder(data, port, "start", "--server.address=127.0.0.1")
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            return new Server(pb.start(), port, log);
        }

        String log() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        void awaitLog(String line, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!log().contains(line)) {
                assertThat(process.isAlive()).as("server exited early:%n%s", log()).isTrue();
                assertThat(System.nanoTime()).as("no '%s' within %s:%n%s", line, timeout, log()).isLessThan(deadline);
                Thread.sleep(200);
            }
        }

        int awaitExit(Duration timeout) throws InterruptedException {
            assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("server did not exit").isTrue();
            return process.exitValue();
        }
    }
}
