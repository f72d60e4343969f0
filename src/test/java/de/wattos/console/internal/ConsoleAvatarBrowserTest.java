package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.avatar.internal.AvatarFixtures;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's avatar library in real headless Chromium: a real GLB without visemes (evaldata's RobotExpressive,
 * CC0) and a text file named .glb are refused with their reasons in the page, a valid avatar is stored with a preview
 * image, assigned to a character and deleted; links from an avatar service are imported one per line, each hostile
 * one (a web page, a model without visemes, an oversized file, a dead link, a file: URL) refused with its own reason;
 * German first, then English; axe-core on the page.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAvatarBrowserTest extends ConsolePageTest {

    static final Path ROBOT = Path.of(System.getProperty("wattos.evaldata", "../shared/evaldata"), "avatars", "RobotExpressive.glb");

    @LocalServerPort
    int port;
    TestApi api;
    String slug;
    SignIn tenantAdmin;
    String characterId;
    Path files;

    @Override
    String label() {
        return "console-avatars";
    }

    @BeforeAll
    void start() throws Exception {
        BrowserSupport.assumeChromium();
        assertThat(ROBOT).as("evaldata avatar (see ../shared/evaldata/SOURCES.md)").isRegularFile();
        api = new TestApi(port);
        slug = api.createTenant().slug();
        tenantAdmin = tenantUser(api, slug, "avatare", "TENANT_ADMIN");
        TestApi.Response character = api.post("/api/v1/tenants/" + slug + "/characters?makeDefault=true",
                api.login(tenantAdmin.username(), tenantAdmin.password(), slug), Map.of("name", "Lotte", "tone", "friendly", "address", "Sie"));
        assertThat(character.status()).as(character.toString()).isEqualTo(201);
        characterId = character.json().path("id").asString();
        files = Files.createTempDirectory("wattos-avatars");
        Files.write(files.resolve("lotte.glb"), AvatarFixtures.good(512, 512));
        Files.writeString(files.resolve("fake.glb"), "<html>not a model</html>", StandardCharsets.UTF_8);
        driver = BrowserSupport.start();
    }

    void upload(Path file, String name) {
        type("form[data-role=avatar-upload] input[name=name]", name);
        driver.findElement(By.cssSelector("form[data-role=avatar-upload] input[name=file]")).sendKeys(file.toAbsolutePath().normalize().toString());
        driver.findElement(By.cssSelector("form[data-role=avatar-upload] button[type=submit]")).click();
    }

    List<String> reasons() {
        return driver.findElements(By.cssSelector("[data-role=avatar-reasons] li")).stream().map(e -> e.getDomAttribute("data-reason")).toList();
    }

    @Test
    void hostileFilesAreRefusedWithReasonsAValidAvatarIsStoredAssignedAndDeleted() throws Exception {
        showingFailure(this::walkThrough);
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }

    private void walkThrough() {
        signIn(port, tenantAdmin);
        navigate("avatars");
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Avatar-Bibliothek");
        assertThat(main()).contains("Standard-Avatar von WattOS (erzeugt)");
        String admin = api.login(tenantAdmin.username(), tenantAdmin.password(), slug);

        // a real GLB that cannot talk, and a page disguised as one
        upload(ROBOT, "Roboter");
        waitFor(60).until(d -> !reasons().isEmpty());
        assertThat(reasons()).contains("visemes_missing");
        assertThat(driver.findElement(By.cssSelector("[data-role=avatar-reasons]")).getText())
                .contains("Die Datei wurde abgelehnt:").contains("Viseme für die Lippenbewegung fehlen");
        upload(files.resolve("fake.glb"), "Fälschung");
        waitFor(30).until(d -> reasons().contains("not_glb"));
        assertThat(api.get("/api/v1/tenants/" + slug + "/avatars", admin).json()).as("nothing refused was stored").isEmpty();

        // a valid one: stored, with its preview image
        upload(files.resolve("lotte.glb"), "Lotte 3D");
        waitFor(60).until(d -> d.findElements(By.xpath("//main//td[.='Lotte 3D']")).size() == 1);
        String avatarId = api.get("/api/v1/tenants/" + slug + "/avatars", admin).json().get(0).path("id").asString();
        waitFor(30).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return [...document.querySelectorAll('img[data-role=avatar-thumb]')].every((i) => i.complete && i.naturalWidth > 0)")));
        check("library");

        // Lotte gets it
        WebElement row = driver.findElement(By.cssSelector("form[data-character='" + characterId + "']"));
        new Select(row.findElement(By.cssSelector("select[name=avatarId]"))).selectByValue(avatarId);
        row.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(20).until(d -> avatarId.equals(api.get("/api/v1/tenants/" + slug + "/characters/" + characterId, admin)
                .json().path("character").path("avatarId").asString()));

        // English
        driver.findElement(By.xpath("//header//button[.='English']")).click();
        waitFor(20).until(d -> "Avatar library".equals(d.findElement(By.cssSelector("main h1")).getText()));
        assertThat(driver.findElement(By.cssSelector("nav a[href='#/avatars']")).getText()).isEqualTo("Avatars");
        assertThat(main()).contains("WattOS default avatar (generated)").contains("Avatar per character");
        check("library-en");

        // deleted
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.confirm = () => true");
        driver.findElement(By.cssSelector("button[data-delete='" + avatarId + "']")).click();
        waitFor(20).until(d -> d.findElements(By.xpath("//main//td[.='Lotte 3D']")).isEmpty());
        assertThat(api.get("/api/v1/tenants/" + slug + "/avatars", admin).json()).isEmpty();
        driver.findElement(By.xpath("//header//button[.='Deutsch']")).click();
        waitFor(20).until(d -> "Avatar-Bibliothek".equals(d.findElement(By.cssSelector("main h1")).getText()));
        importFromLinks(admin);
    }

    /** An avatar service's export host on loopback: one good export and the ways a link goes wrong. */
    private void importFromLinks(String admin) {
        byte[] good = AvatarFixtures.good(256, 256);
        byte[] robot;
        try {
            robot = Files.readAllBytes(ROBOT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            switch (path) {
                case "/export/lotte.glb" -> {
                    ex.getResponseHeaders().add("Content-Type", "model/gltf-binary");
                    ex.sendResponseHeaders(200, good.length);
                    ex.getResponseBody().write(good);
                }
                case "/export/robot.glb" -> {
                    ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
                    ex.sendResponseHeaders(200, robot.length);
                    ex.getResponseBody().write(robot);
                }
                case "/share/page.glb" -> {
                    byte[] html = "<html><body>Ihr Avatar ist fertig!</body></html>".getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                    ex.sendResponseHeaders(200, html.length);
                    ex.getResponseBody().write(html);
                }
                case "/export/huge.glb" -> {
                    // no declared length, and more than the cap: refused while reading, the rest never fetched
                    ex.getResponseHeaders().add("Content-Type", "model/gltf-binary");
                    ex.sendResponseHeaders(200, 0);
                    byte[] chunk = new byte[256 * 1024];
                    try {
                        for (int i = 0; i < 200; i++) {
                            ex.getResponseBody().write(chunk);
                        }
                    } catch (java.io.IOException expected) {
                        // WattOS hung up at the cap
                    }
                }
                default -> ex.sendResponseHeaders(404, -1);
            }
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            List<String> links = List.of(base + "/export/lotte.glb", base + "/share/page.glb", base + "/export/robot.glb",
                    base + "/export/huge.glb", base + "/export/gone.glb", "file:///etc/passwd");
            type("form[data-role=avatar-import] textarea[name=urls]", String.join("\n", links));
            driver.findElement(By.cssSelector("form[data-role=avatar-import] button[type=submit]")).click();
            waitFor(90).until(d -> d.findElements(By.cssSelector("[data-role=avatar-import-results] li[data-state=pending]")).isEmpty()
                    && d.findElements(By.cssSelector("[data-role=avatar-import-results] > li")).size() == links.size());
            assertThat(item(links.get(0)).getDomAttribute("data-state")).isEqualTo("ok");
            assertThat(item(links.get(0)).getText()).contains("„lotte“ geprüft und gespeichert.");
            assertThat(reasonOf(links.get(1))).isEqualTo("avatar_wrong_type");
            assertThat(item(links.get(1)).getText()).contains("kein 3D-Modell", "text/html");
            assertThat(item(links.get(2)).findElements(By.cssSelector("li[data-reason]")).stream()
                    .map(e -> e.getDomAttribute("data-reason")).toList()).contains("visemes_missing");
            assertThat(item(links.get(2)).getText()).contains("Viseme für die Lippenbewegung fehlen");
            assertThat(reasonOf(links.get(3))).isEqualTo("avatar_too_large");
            assertThat(item(links.get(3)).getText()).contains("höchstens");
            assertThat(reasonOf(links.get(4))).isEqualTo("avatar_download_failed");
            assertThat(item(links.get(4)).getText()).contains("hat mit HTTP 404 geantwortet");
            assertThat(reasonOf(links.get(5))).isEqualTo("unsupported_scheme");
            assertThat(item(links.get(5)).getText()).contains("file");
            for (String link : links.subList(1, links.size())) {
                assertThat(item(link).getDomAttribute("data-state")).as(link).isEqualTo("refused");
            }
            violations.addAll(BrowserSupport.seriousViolations(driver, "console avatars import"));
            var stored = api.get("/api/v1/tenants/" + slug + "/avatars", admin).json();
            assertThat(stored.size()).as("only the good export was stored").isEqualTo(1);
            assertThat(stored.get(0).path("source").asString()).isEqualTo("url");
        } finally {
            server.stop(0);
        }
    }

    private WebElement item(String url) {
        return driver.findElements(By.cssSelector("[data-role=avatar-import-results] > li")).stream()
                .filter(e -> url.equals(e.getDomAttribute("data-url"))).findFirst().orElseThrow();
    }

    private String reasonOf(String url) {
        return item(url).findElements(By.cssSelector("[data-reason]")).stream().map(e -> e.getDomAttribute("data-reason"))
                .findFirst().orElse("");
    }
}
