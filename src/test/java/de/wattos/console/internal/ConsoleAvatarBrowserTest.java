package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.avatar.internal.AvatarFixtures;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's avatar library in real headless Chromium: a real GLB without visemes (evaldata's RobotExpressive,
 * CC0) and a text file named .glb are refused with their reasons in the page, a valid avatar is stored with a preview
 * image, assigned to a character and deleted; German first, then English; axe-core on the page.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAvatarBrowserTest {

    static final Path ROBOT = Path.of(System.getProperty("wattos.evaldata", "../shared/evaldata"), "avatars", "RobotExpressive.glb");

    @LocalServerPort
    int port;
    ChromeDriver driver;
    TestApi api;
    String slug;
    String username;
    String password;
    String characterId;
    Path files;
    final List<String> violations = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        BrowserSupport.assumeChromium();
        assertThat(ROBOT).as("evaldata avatar (see ../shared/evaldata/SOURCES.md)").isRegularFile();
        api = new TestApi(port);
        slug = api.createTenant().slug();
        username = "avatare-" + UUID.randomUUID().toString().substring(0, 6);
        password = "pw-" + UUID.randomUUID();
        TestApi.Response user = api.post("/api/v1/tenants/" + slug + "/users", api.adminToken(),
                Map.of("username", username, "password", password, "roles", List.of("TENANT_ADMIN")));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        TestApi.Response character = api.post("/api/v1/tenants/" + slug + "/characters?makeDefault=true",
                api.login(username, password, slug), Map.of("name", "Lotte", "tone", "friendly", "address", "Sie"));
        assertThat(character.status()).as(character.toString()).isEqualTo(201);
        characterId = character.json().path("id").asString();
        files = Files.createTempDirectory("wattos-avatars");
        Files.write(files.resolve("lotte.glb"), AvatarFixtures.good(512, 512));
        Files.writeString(files.resolve("fake.glb"), "<html>not a model</html>", StandardCharsets.UTF_8);
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    FluentWait<WebDriver> waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)).ignoring(org.openqa.selenium.StaleElementReferenceException.class,
                java.util.NoSuchElementException.class);
    }

    void type(String selector, String text) {
        WebElement e = driver.findElement(By.cssSelector(selector));
        e.clear();
        e.sendKeys(text);
    }

    String main() {
        return driver.findElement(By.tagName("main")).getText();
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
    void hostileFilesAreRefusedWithReasonsAValidAvatarIsStoredAssignedAndDeleted() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "console-avatars-failure");
            System.out.println("[console avatars] page at failure: " + driver.getCurrentUrl() + "\n" + main());
            throw e;
        }
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }

    private void walkThrough() {
        driver.get("http://localhost:" + port + "/console");
        waitFor(30).until(d -> "login".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        type("input[name=username]", username);
        type("input[name=password]", password);
        type("input[name=tenant]", slug);
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        waitFor(20).until(d -> d.findElements(By.cssSelector("nav a[href='#/avatars']")).size() == 1);
        driver.findElement(By.cssSelector("nav a[href='#/avatars']")).click();
        waitFor(20).until(d -> "avatars".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Avatar-Bibliothek");
        assertThat(main()).contains("Standard-Avatar von WattOS (erzeugt)");
        String admin = api.login(username, password, slug);

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
        BrowserSupport.screenshot(driver, "console-avatars");
        violations.addAll(BrowserSupport.seriousViolations(driver, "console avatars"));

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
        violations.addAll(BrowserSupport.seriousViolations(driver, "console avatars en"));

        // deleted
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.confirm = () => true");
        driver.findElement(By.cssSelector("button[data-delete='" + avatarId + "']")).click();
        waitFor(20).until(d -> d.findElements(By.xpath("//main//td[.='Lotte 3D']")).isEmpty());
        assertThat(api.get("/api/v1/tenants/" + slug + "/avatars", admin).json()).isEmpty();
        driver.findElement(By.xpath("//header//button[.='Deutsch']")).click();
    }
}
