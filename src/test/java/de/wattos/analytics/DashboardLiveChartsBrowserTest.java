package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.chat.ConversationStarted;
import de.wattos.chat.MessageAnswered;
import de.wattos.platform.events.DomainEvents;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in real headless Chromium draws its trend and feedback widgets with Chart.js (from the WebJar),
 * and follows new traffic live: events published on the bus reach the open page over the tenant's event stream
 * (analytics announces {@code platform.analytics.updated}), which redraws figures and charts without a reload.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardLiveChartsBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    DomainEvents bus;

    ChromeDriver driver;

    @BeforeAll
    void start() {
        driver = BrowserSupport.start();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 2000));
        // with exactly one tenant the console would pick it at login and skip the tenants page this test starts on
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

    void type(String selector, String text) {
        WebElement e = driver.findElement(By.cssSelector(selector));
        e.clear();
        e.sendKeys(text);
    }

    /** The sum of a chart's first data set in the widget of that type, or -1 without a Chart.js chart there. */
    long chartTotal(String widgetType) {
        Object v = driver.executeScript("""
                const c = document.querySelector('.grid-stack-item[data-widget-type="' + arguments[0] + '"] canvas');
                const chart = c && window.Chart && window.Chart.getChart(c);
                return chart ? chart.data.datasets[0].data.reduce((a, b) => a + (b || 0), 0) : -1;""", widgetType);
        return ((Number) v).longValue();
    }

    @Test
    void chartsAreDrawnAndFollowNewTrafficWithoutReload() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "dashboard-live-failure");
            throw e;
        }
    }

    void walkThrough() {
        driver.get("http://localhost:" + port + "/console");
        waitFor(20).until(d -> "login".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        type("input[name=username]", "admin");
        type("input[name=password]", TestApi.ADMIN_PASSWORD);
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        waitFor(20).until(d -> "tenants".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        String slug = "live-" + UUID.randomUUID().toString().substring(0, 8);
        type("input[name=slug]", slug);
        type("input[name=name]", "Gemeinde Livehausen");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(10).until(d -> new Select(d.findElement(By.id("tenant-switch"))).getFirstSelectedOption().getText().contains(slug));
        TestApi api = new TestApi(port);
        UUID tenantId = UUID.fromString(api.get("/api/v1/tenants/" + slug, api.adminToken()).json().get("id").asString());

        driver.findElement(By.cssSelector("nav a[href='#/dashboards']")).click();
        waitFor(20).until(d -> "dashboards".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
        waitFor(20).until(d -> chartTotal("time-series") == 0);
        assertThat(driver.findElement(By.cssSelector(".grid-stack-item[data-widget-type='time-series'] canvas"))
                .getDomAttribute("aria-label")).isEqualTo("Verlauf");
        driver.executeScript("window.sameDocument = true;");

        // traffic arrives: two conversations, two answers, one rated up (as chat and the widget publish them)
        Instant now = Instant.now();
        for (int i = 0; i < 2; i++) {
            UUID conversation = UUID.randomUUID();
            bus.publish(new ConversationStarted(tenantId, conversation, "widget", "de", List.of(), now, null, "v_" + i, null));
            UUID message = UUID.randomUUID();
            bus.publish(new MessageAnswered(tenantId, conversation, message, "widget", "extractive", "extractive-de", 500L,
                    100L, 10, 20, 0, false, "stop", now.plusSeconds(1), "Wann hat das Bürgerbüro geöffnet?", List.of()));
            if (i == 0) {
                bus.publish(new de.wattos.chat.FeedbackGiven(tenantId, conversation, message, "up", true, false,
                        now.plusSeconds(2), UUID.randomUUID()));
            }
        }

        waitFor(60).until(d -> chartTotal("time-series") == 2);
        waitFor(30).until(d -> "2".equals(d.findElement(By.cssSelector(".grid-stack-item[data-widget-type='kpi-tile'] .kpi-value")).getText()));
        waitFor(30).until(d -> chartTotal("feedback") == 1);
        assertThat(driver.executeScript("return window.sameDocument === true")).as("no page reload").isEqualTo(true);
        BrowserSupport.screenshot(driver, "dashboard-live-charts");
        assertThat(BrowserSupport.seriousViolations(driver, "dashboard with charts")).isEmpty();
    }
}
