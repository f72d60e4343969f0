package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard builder in real headless Chromium: the default dashboard, adding a widget from the library,
 * moving by mouse and by keyboard, resizing by mouse and by keyboard, saving, reloading; axe-core on the page.
 */
@IntegrationTest
class DashboardBuilderBrowserTest extends DashboardBrowser {

    @Test
    void addDragResizeByMouseAndKeyboardSaveAndReload() {
        try {
            walkThrough();
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "dashboard-failure");
            System.out.println("[dashboard] page at failure: " + driver.getCurrentUrl() + "\n"
                    + driver.findElement(By.tagName("body")).getText());
            throw e;
        }
    }

    void walkThrough() {
        String slug = signInAndCreateTenant("dash", "Gemeinde Rasterhausen");
        openDashboards(8);
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("Gespräche", "Bewertungen");
        assertThat(driver.findElement(By.id("report-download")).getText()).isEqualTo("Bericht herunterladen");
        BrowserSupport.screenshot(driver, "dashboard-default");
        violations.addAll(BrowserSupport.seriousViolations(driver, "dashboard"));

        // add a widget from the library
        WebElement added = addFromLibrary("unanswered");
        assertThat(added.getDomAttribute("data-widget-type")).isEqualTo("unanswered");

        // keyboard: move right twice and make it wider, with the item's own buttons
        WebElement right = added.findElement(By.cssSelector("button[aria-label='Nach rechts']"));
        right.sendKeys(Keys.ENTER);
        right.sendKeys(Keys.ENTER);
        added.findElement(By.cssSelector("button[aria-label='Breiter']")).sendKeys(Keys.ENTER);
        waitFor(5).until(d -> attr(added, "gs-x") == 2 && attr(added, "gs-w") == 4);
        assertThat(driver.findElement(By.cssSelector("main [role=status]")).getDomProperty("textContent"))
                .contains("Spalte 3").contains("4 breit");

        // mouse: drag the feedback item by its title into the free rows below, then make it taller by its handle
        WebElement feedback = items().stream().filter(i -> "feedback".equals(i.getDomAttribute("data-widget-type"))).findFirst().orElseThrow();
        int feedbackY = attr(feedback, "gs-y");
        int rowHeight = feedback.getSize().getHeight() / Math.max(1, attr(feedback, "gs-h"));
        WebElement title = feedback.findElement(By.cssSelector(".dash-title"));
        new Actions(driver).moveToElement(title).clickAndHold().moveByOffset(0, 10).moveByOffset(0, rowHeight * 9)
                .pause(Duration.ofMillis(300)).release().perform();
        waitFor(5).until(d -> attr(feedback, "gs-y") > feedbackY);
        int feedbackH = attr(feedback, "gs-h");
        WebElement handle = feedback.findElement(By.cssSelector(".ui-resizable-se"));
        new Actions(driver).moveToElement(handle).clickAndHold().moveByOffset(0, 10).moveByOffset(0, rowHeight)
                .pause(Duration.ofMillis(300)).release().perform();
        waitFor(5).until(d -> attr(feedback, "gs-h") > feedbackH);

        int[] expectedAdded = {attr(added, "gs-x"), attr(added, "gs-y"), attr(added, "gs-w"), attr(added, "gs-h")};
        int[] expectedFeedback = {attr(feedback, "gs-x"), attr(feedback, "gs-y"), attr(feedback, "gs-w"), attr(feedback, "gs-h")};

        save();

        // reload: the grid comes back as saved
        reload(9);
        WebElement reAdded = items().stream().filter(i -> "unanswered".equals(i.getDomAttribute("data-widget-type"))
                && attr(i, "gs-x") == expectedAdded[0] && attr(i, "gs-y") == expectedAdded[1]).findFirst().orElseThrow();
        assertThat(new int[] {attr(reAdded, "gs-x"), attr(reAdded, "gs-y"), attr(reAdded, "gs-w"), attr(reAdded, "gs-h")})
                .containsExactly(expectedAdded);
        WebElement reFeedback = items().stream().filter(i -> "feedback".equals(i.getDomAttribute("data-widget-type"))).findFirst().orElseThrow();
        assertThat(new int[] {attr(reFeedback, "gs-x"), attr(reFeedback, "gs-y"), attr(reFeedback, "gs-w"), attr(reFeedback, "gs-h")})
                .containsExactly(expectedFeedback);

        // and the API has it too
        TestApi api = new TestApi(port);
        JsonNode layout = api.get("/api/v1/tenants/" + slug + "/dashboards", api.adminToken()).json().get("items").get(0).get("layout");
        assertThat(layout.size()).isEqualTo(9);
        BrowserSupport.screenshot(driver, "dashboard-saved");
        violations.addAll(BrowserSupport.seriousViolations(driver, "dashboard after editing"));

        // a second dashboard: made empty and opened at once, listed beside the first, deleted again
        driver.findElement(By.cssSelector("details.settings summary")).click();
        type("#dash-new input[name=newName]", "Bürgerbüro");
        driver.findElement(By.cssSelector("#dash-new button[type=submit]")).click();
        waitFor(10).until(d -> d.getCurrentUrl().contains("#/dashboards?id="));
        view("dashboards");
        waitFor(10).until(d -> items().isEmpty() && d.findElements(By.cssSelector("main nav a")).size() == 2);
        assertThat(driver.findElement(By.cssSelector("main nav a[aria-current=page]")).getText()).isEqualTo("Bürgerbüro");
        violations.addAll(BrowserSupport.seriousViolations(driver, "second dashboard"));
        driver.findElement(By.cssSelector("details.settings summary")).click();
        driver.findElement(By.id("dash-delete")).click();
        driver.switchTo().alert().accept();
        waitFor(10).until(d -> items().size() == 9 && d.findElements(By.cssSelector("main nav a")).isEmpty());
        assertThat(api.get("/api/v1/tenants/" + slug + "/dashboards", api.adminToken()).json().get("items")).hasSize(1);
        assertThat(violations).as("axe-core serious/critical violations on the dashboard").isEmpty();
    }
}
