package de.wattos.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 15 server from Debian's package ({@code /usr/lib/postgresql/15/bin}, installed by {@code .ci/run}),
 * as the shared database of multi-node tests: its own cluster in a temp dir, loopback only, trust authentication for
 * user {@code wattos}, database {@code wattos}. PostgreSQL refuses to run as root, so as root it runs as the system
 * user {@code postgres}. A missing package fails the test with the reason: it never skips.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int port;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static PostgresServer start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("postgres"))) {
            throw new IllegalStateException(BIN + "/postgres is missing: install the Debian package postgresql-15");
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path dir = Files.createTempDirectory("wattos-pg15-");
        if (runningAsRoot()) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        PostgresServer server = new PostgresServer(dir, port);
        server.asOwner(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "wattos",
                "-E", "UTF8", "--locale=C.UTF-8");
        server.asOwner(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
                "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off",
                "start");
        server.asOwner(BIN.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "wattos",
                "wattos");
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/wattos";
    }

    public String user() {
        return "wattos";
    }

    /** Restarts the server (fast shutdown: open connections are cut), on the same port and data. */
    public void restart() throws IOException, InterruptedException {
        asOwner(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60",
                "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off",
                "restart");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        asOwner(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    private void asOwner(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
