package de.wattos.console.internal;

import de.wattos.widget.internal.BrowserSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the console's browser tests share: the Chromium they drive, waiting for a view to render, typing into a
 * field, and a screenshot plus an axe-core check of each page visited (serious findings collected in
 * {@link #violations}, asserted empty by the test).
 */
abstract class ConsolePageTest {

    ChromeDriver driver;
    final List<String> violations = new ArrayList<>();

    /** Names the screenshots ({@code target/screenshots/<label>-<page>.png}) and the findings. */
    abstract String label();

    FluentWait<WebDriver> waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class);
    }

    /** Waits until the console shows the view (the body's {@code data-view}). */
    void view(String name) {
        waitFor(30).until(d -> name.equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    void type(String css, String value) {
        WebElement e = driver.findElement(By.cssSelector(css));
        e.clear();
        e.sendKeys(value);
    }

    void check(String page) {
        BrowserSupport.screenshot(driver, label() + "-" + page);
        violations.addAll(BrowserSupport.seriousViolations(driver, label() + " " + page).stream()
                .map(v -> page + ": " + v).toList());
    }
}
