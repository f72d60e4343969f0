package de.wattos.kb.articles;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import de.wattos.widget.internal.BrowserSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Two versions of an article compared: title, body sentence by sentence, questions and tags through the API (another
 * tenant's article and an unknown version are 404), and the same in the console's article page, in real headless
 * Chromium, used with the keyboard only, with axe-core on the result.
 */
@IntegrationTest
class ArticleVersionDiffTest {

    @LocalServerPort int port;

    record Setup(TestApi api, String slug, String base, String editor, String article) {
    }

    private Setup twoVersions() {
        TestApi api = new TestApi(port);
        String slug = api.createTenant().slug();
        String base = "/api/v1/tenants/" + slug;
        String editor = api.userToken(slug, Role.EDITOR);
        String space = api.post(base + "/spaces", editor, Map.of("name", "Bürgerservice")).json().get("id").asString();
        TestApi.Response created = api.post(base + "/kb/articles", editor, Map.of("spaceId", space,
                "title", "Sperrmüll anmelden", "body", "Sperrmüll holt der Bauhof ab. Die Anmeldung geht telefonisch. Kosten: keine.",
                "questions", List.of("Wie melde ich Sperrmüll an?"), "tags", List.of("abfall", "bauhof")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String article = base + "/kb/articles/" + created.json().get("id").asString();
        TestApi.Response edited = api.put(article, editor, Map.of("title", "Sperrmüll online anmelden",
                "body", "Sperrmüll holt der Bauhof ab. Die Anmeldung geht online im Bürgerportal. Kosten: keine.",
                "questions", List.of("Wie melde ich Sperrmüll an?", "Geht die Anmeldung online?"),
                "tags", List.of("abfall", "online"), "version", 1));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        return new Setup(api, slug, base, editor, article);
    }

    @Test
    void theApiComparesTwoVersionsAndRefusesUnknownOnesAndOtherTenants() {
        Setup s = twoVersions();
        TestApi.Response r = s.api().get(s.article() + "/versions/2/diff?against=1", s.editor());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode d = r.json();
        assertThat(d.get("version").asInt()).isEqualTo(2);
        assertThat(d.get("against").asInt()).isEqualTo(1);
        assertThat(d.get("title").get("old").asString()).isEqualTo("Sperrmüll anmelden");
        assertThat(d.get("title").get("current").asString()).isEqualTo("Sperrmüll online anmelden");
        assertThat(d.get("title").get("changed").asBoolean()).isTrue();
        assertThat(d.get("body").get("removed").asInt()).isEqualTo(1);
        assertThat(d.get("body").get("added").asInt()).isEqualTo(1);
        assertThat(d.get("body").get("oldSide").get(1).get("text").asString()).isEqualTo("Die Anmeldung geht telefonisch.");
        assertThat(d.get("body").get("oldSide").get(1).get("changed").asBoolean()).isTrue();
        assertThat(d.get("body").get("newSide").get(0).get("changed").asBoolean()).isFalse();
        assertThat(d.get("questions").get("added").toString()).isEqualTo("[\"Geht die Anmeldung online?\"]");
        assertThat(d.get("questions").get("removed").isEmpty()).isTrue();
        assertThat(d.get("tags").get("added").toString()).isEqualTo("[\"online\"]");
        assertThat(d.get("tags").get("removed").toString()).isEqualTo("[\"bauhof\"]");
        assertThat(d.get("tags").get("kept").toString()).isEqualTo("[\"abfall\"]");
        assertThat(d.get("validTo").get("changed").asBoolean()).isFalse();

        JsonNode backwards = s.api().get(s.article() + "/versions/1/diff?against=2", s.editor()).json();
        assertThat(backwards.get("tags").get("added").toString()).isEqualTo("[\"bauhof\"]");

        assertThat(s.api().get(s.article() + "/versions/3/diff?against=1", s.editor()).status()).isEqualTo(404);
        assertThat(s.api().get(s.article() + "/versions/2/diff?against=9", s.editor()).status()).isEqualTo(404);
        assertThat(s.api().get(s.article() + "/versions/2/diff", s.editor()).status()).as("against is required").isEqualTo(400);
        assertThat(s.api().get(s.article() + "/versions/2/diff?against=eins", s.editor()).status()).isEqualTo(400);
        assertThat(s.api().get(s.base() + "/kb/articles/" + UUID.randomUUID() + "/versions/2/diff?against=1", s.editor())
                .status()).isEqualTo(404);

        TestApi.Tenant other = s.api().createTenant();
        String otherEditor = s.api().userToken(other.slug(), Role.EDITOR);
        String foreign = s.article().replace(s.base(), "/api/v1/tenants/" + other.slug());
        assertThat(s.api().get(foreign + "/versions/2/diff?against=1", otherEditor).status())
                .as("another tenant's article").isEqualTo(404);
    }

    @Test
    void theArticlePageShowsBothVersionsSideBySideWithTheChangesMarked() {
        BrowserSupport.assumeChromium();
        Setup s = twoVersions();
        String username = "diff-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "pw-" + UUID.randomUUID();
        assertThat(s.api().post(s.base() + "/users", s.api().adminToken(),
                Map.of("username", username, "password", password, "roles", List.of("EDITOR"))).status()).isEqualTo(201);
        ChromeDriver driver = BrowserSupport.start();
        try {
            FluentWait<WebDriver> wait = new WebDriverWait(driver, Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class, java.util.NoSuchElementException.class);
            driver.get("http://localhost:" + port + "/console");
            wait.until(d -> "login".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
            driver.findElement(By.cssSelector("input[name=username]")).sendKeys(username);
            driver.findElement(By.cssSelector("input[name=password]")).sendKeys(password);
            driver.findElement(By.cssSelector("input[name=tenant]")).sendKeys(s.slug(), Keys.ENTER);
            wait.until(d -> !"login".equals(d.findElement(By.tagName("body")).getDomAttribute("data-view")));
            String id = s.article().substring(s.article().lastIndexOf('/') + 1);
            driver.get("http://localhost:" + port + "/console#/articles/" + id);
            wait.until(d -> !d.findElements(By.id("article-compare")).isEmpty());
            assertThat(new Select(driver.findElement(By.id("diff-version"))).getFirstSelectedOption().getText()).isEqualTo("2");
            assertThat(new Select(driver.findElement(By.id("diff-against"))).getFirstSelectedOption().getText()).isEqualTo("1");

            // keyboard only: from the second choice, Tab to "Vergleichen" and press Enter
            driver.findElement(By.id("diff-against")).sendKeys(Keys.TAB);
            WebElement focused = driver.switchTo().activeElement();
            assertThat(focused.getText()).isEqualTo("Vergleichen");
            focused.sendKeys(Keys.ENTER);
            wait.until(d -> !d.findElements(By.id("article-diff-summary")).isEmpty());
            WebElement diff = driver.findElement(By.id("article-diff"));
            assertThat(driver.findElement(By.id("article-diff-summary")).getText())
                    .isEqualTo("1 Sätze entfallen, 1 Sätze neu. Geänderte Sätze sind markiert.");
            List<WebElement> sides = diff.findElements(By.cssSelector(".diff-side"));
            assertThat(sides).hasSize(2);
            assertThat(sides.get(0).findElement(By.tagName("h3")).getText()).isEqualTo("Fassung 1");
            assertThat(sides.get(0).findElement(By.tagName("del")).getText()).isEqualTo("Die Anmeldung geht telefonisch.");
            assertThat(sides.get(1).findElement(By.tagName("ins")).getText()).isEqualTo("Die Anmeldung geht online im Bürgerportal.");
            List<String> inserted = new ArrayList<>();
            diff.findElements(By.cssSelector(".diff-list ins")).forEach(e -> inserted.add(e.getText()));
            assertThat(inserted).containsExactly("Geht die Anmeldung online?", "online");
            List<String> deleted = new ArrayList<>();
            diff.findElements(By.cssSelector(".diff-list del")).forEach(e -> deleted.add(e.getText()));
            assertThat(deleted).containsExactly("bauhof");
            assertThat(diff.getText()).contains("Titel: Sperrmüll anmelden → Sperrmüll online anmelden");
            BrowserSupport.screenshot(driver, "article-version-diff");
            assertThat(BrowserSupport.seriousViolations(driver, "article version diff")).isEmpty();

            // the same version on both sides is no comparison
            new Select(driver.findElement(By.id("diff-against"))).selectByVisibleText("2");
            driver.findElement(By.id("diff-against")).sendKeys(Keys.TAB);
            driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            wait.until(d -> d.findElement(By.id("article-diff")).getText().contains("zwei Fassungen"));
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(driver, "article-version-diff-failure");
            throw e;
        } finally {
            driver.quit();
        }
    }
}
