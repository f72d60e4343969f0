package de.wattos.analytics;

import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the dashboard builder's browser tests share: headless Chromium with room below the grid, the platform admin
 * signing in to the console and creating a tenant there, the dashboards page, the widget library, saving and the
 * grid's items as gridstack keeps them. Subclasses are {@code @IntegrationTest}s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardBrowser {

    @LocalServerPort
    int port;

    ChromeDriver driver;
    final List<String> violations = new ArrayList<>();

    @BeforeAll
    void start() {
        driver = BrowserSupport.start();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 2000)); // room below the grid to drag into
        // with exactly one tenant the console would pick it at login and skip the tenants page these tests start on
        new TestApi(port).createTenant();
        new TestApi(port).createTenant();
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    WebDriverWait waitFor(int seconds) {
        WebDriverWait w = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    void view(String name) {
        waitFor(20).until(d -> name.equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
    }

    void type(String selector, String text) {
        WebElement e = driver.findElement(By.cssSelector(selector));
        e.clear();
        e.sendKeys(text);
    }

    List<WebElement> items() {
        return driver.findElements(By.cssSelector(".grid-stack > .grid-stack-item:not(.grid-stack-placeholder)"));
    }

    /** The grid's first item of that widget type. */
    WebElement item(String widgetType) {
        return items().stream().filter(i -> widgetType.equals(i.getDomAttribute("data-widget-type"))).findFirst().orElseThrow();
    }

    /** The item's place as gridstack keeps it (gs-x → x …). */
    int attr(WebElement item, String name) {
        Object v = driver.executeScript("const n = arguments[0].gridstackNode; return n ? n[arguments[1]] : null;",
                item, name.substring(3));
        return v == null ? -1 : ((Number) v).intValue();
    }

    /** Signs in as the platform admin, creates a tenant in the console and switches to it; answers its slug. */
    String signInAndCreateTenant(String slugPrefix, String name) {
        driver.get("http://localhost:" + port + "/console");
        view("login");
        type("input[name=username]", "admin");
        type("input[name=password]", TestApi.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        view("tenants");
        String slug = slugPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        type("input[name=slug]", slug);
        type("input[name=name]", name);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(10).until(d -> new Select(d.findElement(By.id("tenant-switch"))).getFirstSelectedOption().getText().contains(slug));
        return slug;
    }

    /** Opens the dashboards page from the navigation and waits for the grid's items. */
    void openDashboards(int expectedItems) {
        driver.findElement(By.cssSelector("nav a[href='#/dashboards']")).click();
        view("dashboards");
        waitFor(10).until(d -> items().size() == expectedItems);
    }

    /** Adds a widget of that type from the library; answers its grid item (the last one). */
    WebElement addFromLibrary(String widgetType) {
        int before = items().size();
        new Select(driver.findElement(By.cssSelector("main select[name=widgetType]"))).selectByValue(widgetType);
        driver.findElement(By.id("dash-add")).click();
        waitFor(10).until(d -> items().size() == before + 1);
        return items().get(before);
    }

    void save() {
        driver.findElement(By.id("dash-save")).click();
        waitFor(10).until(d -> d.findElement(By.id("toast")).getText().contains("Gespeichert"));
    }

    /** Reloads the page and waits for the grid's items. */
    void reload(int expectedItems) {
        driver.navigate().refresh();
        view("dashboards");
        waitFor(10).until(d -> items().size() == expectedItems);
    }
}
