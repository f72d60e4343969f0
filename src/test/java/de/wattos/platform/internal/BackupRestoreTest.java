package de.wattos.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * {@code ./wattos backup} and {@code ./wattos restore} on the embedded database as WattOS runs it: a backup taken
 * while the server runs, a row written after it, the database and keys wiped, the backup restored, and the restored
 * server holds the rows of the backup (not the later one) and the same keys. A restore while the database runs is
 * refused.
 */
class BackupRestoreTest {

    private static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "wattos-postgres-bin");

    @TempDir
    Path tmp;

    @Test
    void anOnlineBackupRestoresIntoAWipedDataDir() throws Exception {
        Path data = tmp.resolve("data");
        Path backup = tmp.resolve("wattos-backup.tar.gz");
        Files.createDirectories(data);
        Files.writeString(data.resolve("master.key"), "the master key", StandardCharsets.UTF_8);
        try (EmbeddedPostgres pg = EmbeddedDatabaseStarter.start(data.resolve("postgres"), BINARIES, false)) {
            execute(pg, "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('before the backup')");

            Result backedUp = launcher("backup", backup.toString(), "--wattos.data-dir=" + data);
            assertThat(backedUp.exit()).as(backedUp.output()).isZero();
            assertThat(backup).isNotEmptyFile();

            execute(pg, "INSERT INTO kept VALUES ('after the backup')");
        }
        FileSystemUtils.deleteRecursively(data.resolve("postgres"));
        Files.delete(data.resolve("master.key"));

        Result restored = launcher("restore", backup.toString(), "--wattos.data-dir=" + data);
        assertThat(restored.exit()).as(restored.output()).isZero();
        assertThat(Files.readString(data.resolve("master.key"), StandardCharsets.UTF_8)).isEqualTo("the master key");
        try (EmbeddedPostgres pg = EmbeddedDatabaseStarter.start(data.resolve("postgres"), BINARIES, false)) {
            assertThat(rows(pg)).containsExactly("before the backup");

            Result whileRunning = launcher("restore", backup.toString(), "--wattos.data-dir=" + data);
            assertThat(whileRunning.exit()).as(whileRunning.output()).isNotZero();
            assertThat(whileRunning.output()).contains("./wattos stop");
            assertThat(rows(pg)).containsExactly("before the backup");
        }
    }

    private record Result(int exit, String output) {
    }

    private Result launcher(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of("wattos").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path log = tmp.resolve("launcher-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("./wattos %s finished", args[0]).isTrue();
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void execute(EmbeddedPostgres pg, String... statements) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> rows(EmbeddedPostgres pg) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT v FROM kept ORDER BY v")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
