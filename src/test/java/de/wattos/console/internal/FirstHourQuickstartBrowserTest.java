package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.crawl.FixtureSite;
import de.wattos.widget.internal.BrowserSupport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The administrator's whole first hour against a real WattOS process (its own JVM, its own data directory, no test
 * profile): {@code scripts/quickstart.sh} with name and contact for a site on loopback → console login as the
 * generated admin (landing in the only tenant) → change the password → the settings show the quickstart's name and
 * contact → WattOS restarted → the website is crawled again from the console and succeeds (the stored "allow
 * private networks" platform setting survives the restart). Slow: two WattOS starts and two crawls.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstHourQuickstartBrowserTest extends ConsolePageTest {

    static final Map<String, String> PAGES = Map.of(
            "/", """
                    <!doctype html><html lang="de"><head><title>Gemeinde Beispielstadt</title></head><body><main>
                    <h1>Gemeinde Beispielstadt</h1><p>Willkommen auf der Website der Gemeinde Beispielstadt.</p>
                    <ul><li><a href="/buergerbuero.html">Bürgerbüro</a></li></ul></main></body></html>""",
            "/buergerbuero.html", """
                    <!doctype html><html lang="de"><head><title>Bürgerbüro</title></head><body><main>
                    <h1>Bürgerbüro</h1><p>Das Bürgerbüro ist montags bis freitags von 8 bis 12 Uhr geöffnet.</p>
                    </main></body></html>""");

    FixtureSite site;
    String siteUrl;
    Path data;
    Path log;
    int port;
    Process wattos;
    final HttpClient http = HttpClient.newHttpClient();

    @Override
    String label() {
        return "quickstart";
    }

    @BeforeAll
    void start() throws IOException {
        BrowserSupport.assumeChromium();
        site = new FixtureSite().text("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
        PAGES.forEach(site::html);
        siteUrl = site.url("/");
        data = Files.createTempDirectory("wattos-first-hour");
        log = Path.of("target", "first-hour-wattos.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() throws InterruptedException {
        stopWattos();
        if (site != null) {
            site.close();
        }
    }

    @Test
    void quickstartConsolePasswordSettingsAndRecrawlAfterRestart() throws Exception {
        try {
            firstHour();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "quickstart-failure");
            System.out.println("[first-hour] page at failure: " + driver.getCurrentUrl() + "\n"
                    + driver.findElement(By.tagName("body")).getText());
            throw e;
        }
        assertThat(violations).as("axe-core serious/critical violations").isEmpty();
    }

    void firstHour() throws Exception {
        startWattos();
        ProcessBuilder quickstart = new ProcessBuilder("bash", "scripts/quickstart.sh", siteUrl,
                "--name", "Gemeinde Beispielstadt", "--contact", "buergerbuero@beispielstadt.example")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        quickstart.environment().putAll(Map.of("WATTOS_PORT", String.valueOf(port), "WATTOS_DATA_DIR", data.toString(),
                "QS_MAX_PAGES", "20"));
        quickstart.environment().remove("WATTOS_ADMIN_PASSWORD");
        Process qs = quickstart.start();
        String output = new String(qs.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(qs.waitFor(300, TimeUnit.SECONDS)).isTrue();
        System.out.println("[first-hour] quickstart:\n" + output);
        assertThat(qs.exitValue()).as(output).isZero();
        String adminPassword = Files.readAllLines(data.resolve("admin-password.txt")).getFirst().strip();

        // console: the platform has exactly one tenant, so the admin lands in it
        driver.get("http://localhost:" + port + "/console");
        view("login");
        type("input[name=username]", "admin");
        type("input[name=password]", adminPassword);
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        view("spaces");
        assertThat(driver.findElement(By.id("tenant-switch")).getText()).contains("Gemeinde Beispielstadt");
        assertThat(text("main table")).contains("Website 127.0.0.1");
        check("spaces");

        // change the generated password, keyboard only
        driver.findElement(By.cssSelector("header a[href='#/account']")).click();
        view("account");
        String newPassword = "Mein-neues-Passwort-" + UUID.randomUUID().toString().substring(0, 6);
        WebElement current = driver.findElement(By.name("currentPassword"));
        current.sendKeys(adminPassword, Keys.TAB);
        driver.switchTo().activeElement().sendKeys(newPassword, Keys.TAB);
        driver.switchTo().activeElement().sendKeys(newPassword, Keys.ENTER);
        waitFor(10).until(d -> d.findElement(By.cssSelector("main p[role=status]")).getText().startsWith("Passwort geändert"));
        check("account");

        // settings: the quickstart's name and contact
        driver.findElement(By.cssSelector("nav a[href='#/settings']")).click();
        view("settings");
        assertThat(driver.findElement(By.name("name")).getDomProperty("value")).isEqualTo("Gemeinde Beispielstadt");
        assertThat(driver.findElement(By.name("contact.email")).getDomProperty("value")).isEqualTo("buergerbuero@beispielstadt.example");
        check("settings");

        // restart WattOS on the same data, sign in with the new password and crawl again
        stopWattos();
        startWattos();
        driver.get("http://localhost:" + port + "/console/#/login");
        driver.navigate().refresh();
        view("login");
        type("input[name=username]", "admin");
        type("input[name=password]", newPassword);
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        view("spaces");
        driver.findElement(By.linkText("Website 127.0.0.1")).click();
        view("space");
        WebElement crawl = waitFor(20).until(d -> d.findElement(By.xpath("//button[starts-with(., 'Crawl starten')]")));
        crawl.click();
        view("crawl");
        waitFor(120).until(d -> {
            String status = d.findElement(By.cssSelector("main .crawl-status")).getText();
            return status.contains("abgeschlossen") || status.contains("fehlgeschlagen") || status.contains("abgebrochen") ? status : null;
        });
        String report = text("main");
        assertThat(text("main .crawl-status")).contains("abgeschlossen");
        assertThat(report).doesNotContain("private_address").doesNotContain("blocked_url");
        check("recrawl");
    }

    void startWattos() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx1g", "-cp", mainClasspath(),
                "de.wattos.WattosApplication", "--server.address=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(Map.of("WATTOS_PORT", String.valueOf(port), "WATTOS_DATA_DIR", data.toString(),
                "DJL_CACHE_DIR", data.resolve("djl").toString()));
        pb.environment().remove("WATTOS_ADMIN_PASSWORD");
        pb.environment().remove("SPRING_PROFILES_ACTIVE");
        wattos = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!healthy()) {
            assertThat(wattos.isAlive()).as("WattOS exited during start, see " + log).isTrue();
            assertThat(System.nanoTime()).as("WattOS did not become healthy, see " + log).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** The application's classpath without the test classes (their components must not join the real app). */
    static String mainClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("surefirebooter") && entry.endsWith(".jar")) {
                // surefire's manifest-only jar: the real classpath is in its Class-Path attribute
                Path jarDir = Path.of(entry).toAbsolutePath().getParent();
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry)) {
                    for (String url : jar.getManifest().getMainAttributes().getValue("Class-Path").split(" ")) {
                        if (!url.isBlank()) {
                            entries.add(url.startsWith("file:") ? Path.of(URI.create(url)).toString() : jarDir.resolve(url).normalize().toString());
                        }
                    }
                }
            } else {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator,
                entries.stream().filter(e -> !e.replace('\\', '/').contains("/test-classes")).toList());
    }

    void stopWattos() throws InterruptedException {
        if (wattos != null && wattos.isAlive()) {
            wattos.destroy(); // SIGTERM: a graceful shutdown, as ./wattos stop does
            if (!wattos.waitFor(60, TimeUnit.SECONDS)) {
                wattos.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    boolean healthy() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
