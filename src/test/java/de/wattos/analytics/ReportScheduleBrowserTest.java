package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.wattos.IntegrationTest;
import de.wattos.platform.MailProperties;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The report-schedule page in real headless Chromium, as a tenant admin uses it: a weekly schedule is created (a bad
 * address first is marked at the recipients field), edited (recipients, format, paused), sent now (it arrives over
 * SMTP in GreenMail), shown in English after switching the console's language, and deleted. axe-core checks each state.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportScheduleBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    MailProperties mail;

    ChromeDriver driver;
    GreenMail smtp;
    TestApi api;
    TestApi.Tenant tenant;
    String admin;
    String username;
    String password;
    final List<String> violations = new ArrayList<>();

    @BeforeAll
    void start() {
        BrowserSupport.assumeChromium();
        smtp = new GreenMail(new ServerSetup(mail.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        api = new TestApi(port);
        tenant = api.createTenant();
        username = "report-admin-" + UUID.randomUUID().toString().substring(0, 6);
        password = "pw-" + UUID.randomUUID();
        TestApi.Response user = api.post("/api/v1/tenants/" + tenant.slug() + "/users", api.adminToken(),
                Map.of("username", username, "password", password, "roles", List.of("TENANT_ADMIN")));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        admin = api.adminToken();
        driver = BrowserSupport.start();
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    FluentWait<WebDriver> waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class, java.util.NoSuchElementException.class);
    }

    void view(String name) {
        waitFor(30).until(d -> name.equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
    }

    String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    void check(String name) {
        BrowserSupport.screenshot(driver, "report-schedules-" + name);
        violations.addAll(BrowserSupport.seriousViolations(driver, "report schedules " + name).stream()
                .map(v -> name + ": " + v).toList());
    }

    void click(String label) {
        waitFor(10).until(d -> d.findElements(By.cssSelector("main button, main a.button")).stream()
                .anyMatch(b -> b.getText().equals(label)));
        driver.findElements(By.cssSelector("main button, main a.button")).stream().filter(b -> b.getText().equals(label))
                .findFirst().orElseThrow().click();
    }

    WebElement recipients() {
        return driver.findElement(By.id("rs-recipients"));
    }

    void typeRecipients(String text) {
        recipients().clear();
        recipients().sendKeys(text);
    }

    JsonNode schedules() {
        return api.get("/api/v1/tenants/" + tenant.slug() + "/analytics/report-schedules", admin).json().get("items");
    }

    @Test
    void anAdminCreatesEditsSendsAndDeletesAWeeklyReport() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "report-schedules-failure");
            System.out.println("[report schedules] page at failure: " + driver.getCurrentUrl() + "\n" + main());
            throw e;
        }
    }

    void walkThrough() throws RuntimeException {
        driver.get("http://localhost:" + port + "/console");
        view("login");
        driver.findElement(By.cssSelector("input[name=username]")).sendKeys(username);
        driver.findElement(By.cssSelector("input[name=password]")).sendKeys(password);
        driver.findElement(By.cssSelector("input[name=tenant]")).sendKeys(tenant.slug());
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        view("spaces");
        waitFor(20).until(d -> d.findElements(By.cssSelector("nav a[href='#/reports']")).size() == 1);
        assertThat(driver.findElement(By.cssSelector("nav a[href='#/reports']")).getText()).isEqualTo("Berichtsversand");
        driver.findElement(By.cssSelector("nav a[href='#/reports']")).click();
        view("reports");
        waitFor(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Berichtsversand"));
        assertThat(main()).contains("Neuer Zeitplan").contains("Noch keine Einträge.");
        assertThat(driver.findElements(By.id("rs-no-mail"))).as("a mail server is configured in tests").isEmpty();
        check("empty");

        // create: weekly, a bad address first is marked at the recipients field
        new Select(driver.findElement(By.id("rs-type"))).selectByValue("WEEKLY");
        typeRecipients("amt@gemeinde.example\nkein-mail");
        driver.findElement(By.cssSelector("#rs-form button[type=submit]")).click();
        waitFor(10).until(d -> "true".equals(recipients().getDomAttribute("aria-invalid")));
        assertThat(driver.findElement(By.id("rs-recipients-err")).getText()).isNotBlank();
        check("field-error");
        typeRecipients("amt@gemeinde.example\nbuergermeisterin@gemeinde.example");
        driver.findElement(By.cssSelector("#rs-form button[type=submit]")).click();
        waitFor(10).until(d -> main().contains("buergermeisterin@gemeinde.example"));
        assertThat(main()).contains("Wöchentlich", "amt@gemeinde.example", "PDF", "Deutsch", "Geplant");
        assertThat(schedules()).hasSize(1);
        assertThat(schedules().get(0).get("schedule").get("recipients")).hasSize(2);

        // edit: the interval is fixed, recipients prefilled; one recipient, CSV in English, paused
        click("Bearbeiten: Wöchentlich");
        waitFor(10).until(d -> main().contains("Zeitplan bearbeiten: Wöchentlich"));
        assertThat(driver.findElement(By.id("rs-type")).isEnabled()).isFalse();
        assertThat(recipients().getDomProperty("value")).isEqualTo("amt@gemeinde.example\nbuergermeisterin@gemeinde.example");
        check("edit");
        typeRecipients("statistik@gemeinde.example");
        new Select(driver.findElement(By.id("rs-format"))).selectByValue("CSV");
        new Select(driver.findElement(By.id("rs-locale"))).selectByValue("en");
        driver.findElement(By.id("rs-enabled")).click();
        driver.findElement(By.cssSelector("#rs-form button[type=submit]")).click();
        waitFor(10).until(d -> main().contains("Pausiert") && main().contains("Neuer Zeitplan"));
        assertThat(main()).contains("statistik@gemeinde.example", "CSV", "Englisch").doesNotContain("buergermeisterin@");
        JsonNode edited = schedules().get(0).get("schedule");
        assertThat(edited.get("enabled").asBoolean()).isFalse();
        assertThat(edited.get("format").asString()).isEqualTo("CSV");
        assertThat(edited.get("locale").asString()).isEqualTo("en");

        // send now: the report of the last complete week arrives at the one recipient
        click("Jetzt senden: Wöchentlich");
        waitFor(60).until(d -> Arrays.stream(smtp.getReceivedMessages()).anyMatch(this::toTheStatistician));
        MimeMessage sent = Arrays.stream(smtp.getReceivedMessages()).filter(this::toTheStatistician).findFirst().orElseThrow();
        assertThat(subject(sent)).startsWith("Weekly report").contains(tenant.slug());

        // English from the console's language switch
        driver.findElements(By.cssSelector("#tools button")).stream().filter(b -> b.getText().equals("English"))
                .findFirst().orElseThrow(() -> new AssertionError("no language switch")).click();
        waitFor(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Report mailing"));
        assertThat(main()).contains("Weekly", "Paused", "New schedule", "Recipients", "Interval");
        check("english");

        // delete, confirmed in the browser's dialog
        click("Delete: Weekly");
        waitFor(10).until(d -> {
            try {
                d.switchTo().alert().accept();
                return true;
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return false;
            }
        });
        waitFor(10).until(d -> main().contains("No entries yet") || !main().contains("statistik@"));
        assertThat(schedules()).isEmpty();
        assertThat(violations).as("axe: serious or critical violations").isEmpty();
    }

    private boolean toTheStatistician(MimeMessage m) {
        try {
            return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains("statistik@gemeinde.example"))
                    && subject(m).contains(tenant.slug());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
