package de.wattos;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.support.TestApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Two real starts on one data dir: the embedded database keeps everything, the admin is created only once. */
class RestartKeepsDataTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(WattosApplication.class).run("--server.port=0", "--wattos.data-dir=" + dataDir,
                "--wattos.admin.password=", "--spring.profiles.active=test", "--wattos.db.fsync=off");
    }

    @Test
    void restartKeepsTenantsAndTheGeneratedAdminPassword() throws Exception {
        String slug = "restart-" + System.nanoTime();
        String password;
        try (ConfigurableApplicationContext first = start()) {
            Path passwordFile = dataDir.resolve("admin-password.txt");
            assertThat(passwordFile).exists();
            assertThat(Files.getPosixFilePermissions(passwordFile)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            password = Files.readString(passwordFile).trim();
            TestApi api = new TestApi(((WebServerApplicationContext) first).getWebServer().getPort());
            String token = api.login("admin", password, null);
            assertThat(api.post("/api/v1/tenants", token, Map.of("slug", slug, "name", "Neustadt")).status()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext second = start()) {
            TestApi api = new TestApi(((WebServerApplicationContext) second).getWebServer().getPort());
            String token = api.login("admin", password, null);
            assertThat(api.get("/api/v1/tenants/" + slug, token).json().get("name").asString()).isEqualTo("Neustadt");
            assertThat(Files.readString(dataDir.resolve("admin-password.txt")).trim()).isEqualTo(password);
        }
    }
}
