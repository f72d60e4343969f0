package de.wattos.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the console's browser tests share: the Chromium they drive (quit after the class), a tenant user to sign in
 * with, signing in, waiting for a view to render, typing into a field, the page shown when a walk-through fails, and a
 * screenshot plus an axe-core check of each page visited (serious findings collected in {@link #violations},
 * asserted empty by the test).
 */
abstract class ConsolePageTest {

    /** A console user of a tenant. */
    record SignIn(String username, String password, String tenant) {
    }

    /** A walk through the console that may throw. */
    interface Walk {
        void run() throws Exception;
    }

    ChromeDriver driver;
    final List<String> violations = new ArrayList<>();

    /** Names the screenshots ({@code target/screenshots/<label>-<page>.png}) and the findings. */
    abstract String label();

    @AfterAll
    void quitBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Creates a user with the role in the tenant (name: the prefix and a random suffix). */
    static SignIn tenantUser(TestApi api, String tenantSlug, String namePrefix, String role) {
        String username = namePrefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "pw-" + UUID.randomUUID();
        TestApi.Response user = api.post("/api/v1/tenants/" + tenantSlug + "/users", api.adminToken(),
                Map.of("username", username, "password", password, "roles", List.of(role)));
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        return new SignIn(username, password, tenantSlug);
    }

    /** Opens the console and signs in on its login page as a tenant user, who lands on the spaces page. */
    void signIn(int port, SignIn user) {
        driver.get("http://localhost:" + port + "/console");
        view("login");
        type("input[name=username]", user.username());
        type("input[name=password]", user.password());
        type("input[name=tenant]", user.tenant());
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        // a click elsewhere before the spaces page has rendered would be overwritten by it
        view("spaces");
    }

    /** Signs out through the header's button and waits for the login page (to sign in as someone else). */
    void signOut() {
        driver.findElements(By.tagName("button")).stream().filter(b -> b.getText().equals("Abmelden")).findFirst()
                .orElseThrow(() -> new AssertionError("no sign-out button")).click();
        view("login");
    }

    /** Goes to a view through its link in the navigation. */
    void navigate(String view) {
        By link = By.cssSelector("nav a[href='#/" + view + "']");
        waitFor(20).until(d -> d.findElements(link).size() == 1);
        driver.findElement(link).click();
        view(view);
    }

    /** Runs the walk-through; if it fails, leaves a screenshot and the page's text in the test output. */
    void showingFailure(Walk walk) throws Exception {
        try {
            walk.run();
        } catch (Exception | AssertionError e) {
            BrowserSupport.screenshot(driver, label() + "-failure");
            System.out.println("[" + label() + "] page at failure: " + driver.getCurrentUrl() + "\n"
                    + driver.findElement(By.tagName("body")).getText());
            throw e;
        }
    }

    FluentWait<WebDriver> waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .ignoring(StaleElementReferenceException.class, NoSuchElementException.class);
    }

    /** Waits until the console shows the view (the body's {@code data-view}). */
    void view(String name) {
        waitFor(30).until(d -> name.equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** The text of the page's main area. */
    String main() {
        return text("main");
    }

    void type(String css, String value) {
        WebElement e = driver.findElement(By.cssSelector(css));
        e.clear();
        e.sendKeys(value);
    }

    /** Clicks the main area's button with exactly this label. */
    void button(String label) {
        driver.findElements(By.cssSelector("main button")).stream().filter(b -> b.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label + " in\n" + main())).click();
    }

    void check(String page) {
        BrowserSupport.screenshot(driver, label() + "-" + page);
        violations.addAll(BrowserSupport.seriousViolations(driver, label() + " " + page).stream()
                .map(v -> page + ": " + v).toList());
    }
}
