package de.wattos.kb.notify;

import de.wattos.platform.MailProperties;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.wattos.IntegrationTest;
import de.wattos.crawl.CrawlClient;
import de.wattos.crawl.FixtureSite;
import de.wattos.support.TestApi;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Reviewers hear of what waits for them: an article submitted for review and a crawl change proposed under approval
 * reach every REVIEWER and TENANT_ADMIN of the tenant but the author, as an inbox entry (their own only; another
 * user's or tenant's entry is 404) and as an e-mail over real SMTP (GreenMail on loopback). Editors and viewers get
 * nothing; the live event names the recipients.
 */
@IntegrationTest
class ReviewNotificationTest {

    @LocalServerPort int port;
    @Autowired MailProperties mail;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    GreenMail smtp;
    FixtureSite site;
    TestApi api;
    String slug;
    String base;

    record User(String id, String email, String token) {
    }

    @BeforeEach
    void setUp() {
        smtp = new GreenMail(new ServerSetup(mail.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        api = new TestApi(port);
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
        if (site != null) {
            site.close();
            site = null;
        }
    }

    private User user(String tenantSlug, String role) {
        String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String email = username + "@quellenhausen.example";
        TestApi.Response r = api.post("/api/v1/tenants/" + tenantSlug + "/users", api.adminToken(),
                Map.of("username", username, "password", "pw-" + username, "email", email, "roles", List.of(role)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new User(r.json().get("id").asString(), email, api.login(username, "pw-" + username, tenantSlug));
    }

    private JsonNode inbox(User u) {
        TestApi.Response r = api.get(base + "/kb/notifications", u.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private JsonNode await(User u, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonNode i = inbox(u);
            if (done.test(i)) {
                return i;
            }
            assertThat(System.currentTimeMillis()).as("inbox: " + i).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** A mail GreenMail received, once per recipient. */
    record Mail(String to, String subject, String body) {
    }

    private List<Mail> mails() throws Exception {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            for (var a : m.getRecipients(Message.RecipientType.TO)) {
                mails.add(new Mail(a.toString(), m.getSubject(), com.icegreen.greenmail.util.GreenMailUtil.getBody(m)));
            }
        }
        return mails;
    }

    /** The recipients of this class's users (not other tests' leftovers), once per mail. */
    private List<String> recipientsOfMails() throws Exception {
        return mails().stream().map(Mail::to).filter(to -> to.endsWith("@quellenhausen.example")).toList();
    }

    @Test
    void aSubmittedArticleReachesEveryReviewerButItsAuthorInTheInboxAndByMail() throws Exception {
        slug = api.createTenant().slug();
        base = "/api/v1/tenants/" + slug;
        User author = user(slug, "EDITOR");
        User otherEditor = user(slug, "EDITOR");
        User viewer = user(slug, "VIEWER");
        User reviewer = user(slug, "REVIEWER");
        User admin = user(slug, "TENANT_ADMIN");
        User writingReviewer = user(slug, "REVIEWER");
        String space = api.post(base + "/spaces", author.token(), Map.of("name", "Bürgerservice")).json().get("id").asString();

        // a reviewer may write too: as the author of this article, they are left out
        String byReviewer = api.post(base + "/kb/articles", writingReviewer.token(), Map.of("spaceId", space,
                "title", "Hundesteuer", "body", "Die Hundesteuer beträgt 96 Euro im Jahr.")).json().get("id").asString();
        String article = api.post(base + "/kb/articles", author.token(), Map.of("spaceId", space,
                "title", "Sperrmüll anmelden", "body", "Sperrmüll holt der Bauhof nach Anmeldung ab.")).json().get("id").asString();
        assertThat(api.post(base + "/kb/articles/" + article + "/submit", author.token(), Map.of()).status()).isEqualTo(200);
        assertThat(api.post(base + "/kb/articles/" + byReviewer + "/submit", writingReviewer.token(), Map.of()).status())
                .isEqualTo(200);

        JsonNode forReviewer = await(reviewer, i -> i.get("items").size() == 2);
        assertThat(forReviewer.get("unread").asInt()).isEqualTo(2);
        JsonNode entry = forReviewer.get("items").valueStream()
                .filter(e -> e.get("subjectId").asString().equals(article)).findFirst().orElseThrow();
        assertThat(entry.get("kind").asString()).isEqualTo("article");
        assertThat(entry.get("title").asString()).isEqualTo("Sperrmüll anmelden");
        await(admin, i -> i.get("items").size() == 2);
        JsonNode own = await(writingReviewer, i -> i.get("items").size() == 1);
        assertThat(own.get("items").get(0).get("subjectId").asString()).as("not told of their own article").isEqualTo(article);
        Thread.sleep(500);
        assertThat(inbox(author).get("items").size()).as("the author").isZero();
        assertThat(inbox(otherEditor).get("items").size()).as("an editor does not review").isZero();
        assertThat(inbox(viewer).get("items").size()).isZero();

        long deadline = System.currentTimeMillis() + 30_000;
        while (smtp.getReceivedMessages().length < 5 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        assertThat(recipientsOfMails()).containsExactlyInAnyOrder(reviewer.email(), admin.email(), writingReviewer.email(),
                reviewer.email(), admin.email());
        MimeMessage toReviewer = null;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getSubject().contains("Sperrmüll")
                    && m.getRecipients(Message.RecipientType.TO)[0].toString().equals(reviewer.email())) {
                toReviewer = m;
            }
        }
        assertThat(toReviewer).isNotNull();
        assertThat(toReviewer.getSubject()).isEqualTo("Zur Prüfung: Sperrmüll anmelden");
        assertThat(String.valueOf(toReviewer.getContent())).contains("„Sperrmüll anmelden“ wartet auf Ihre Prüfung");

        // marking done: own entries only; another user's or another tenant's entry is 404
        String entryId = entry.get("id").asString();
        assertThat(api.post(base + "/kb/notifications/" + entryId + "/read", admin.token(), Map.of()).status()).isEqualTo(404);
        String otherSlug = api.createTenant().slug();
        User stranger = user(otherSlug, "TENANT_ADMIN");
        assertThat(api.post("/api/v1/tenants/" + otherSlug + "/kb/notifications/" + entryId + "/read", stranger.token(),
                Map.of()).status()).isEqualTo(404);
        assertThat(api.get(base + "/kb/notifications", stranger.token()).status()).as("another tenant").isEqualTo(404);
        assertThat(api.post(base + "/kb/notifications/" + entryId + "/read", reviewer.token(), Map.of()).status()).isEqualTo(200);
        assertThat(inbox(reviewer).get("unread").asInt()).isEqualTo(1);
        assertThat(api.get(base + "/kb/notifications?size=0", reviewer.token()).status()).isEqualTo(400);

        List<String> audited = new ArrayList<>();
        api.get(base + "/audit?action=kb.review.notified&size=50", api.adminToken()).json().get("items")
                .forEach(e -> audited.add(e.get("details").get("recipients").toString()));
        assertThat(audited).as("the live event names the recipients").anySatisfy(r ->
                assertThat(r).contains(reviewer.id()).contains(admin.id()).doesNotContain(author.id()));
    }

    /** A tenant with an editor and a space to crawl into; this test's api, slug and base point at it. */
    private CrawlClient crawlTenant() {
        CrawlClient crawl = new CrawlClient(port);
        api = crawl.api;
        slug = crawl.tenant.slug();
        base = "/api/v1/tenants/" + slug;
        return crawl;
    }

    private List<Mail> mailsTo(String address) throws Exception {
        return mails().stream().filter(m -> m.to().equals(address)).toList();
    }

    private List<Mail> awaitMails(String address, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (mailsTo(address).size() < count) {
            assertThat(System.currentTimeMillis()).as("mails to " + address).isLessThan(deadline);
            Thread.sleep(100);
        }
        return mailsTo(address);
    }

    /**
     * A crawl run that proposes three changes gives each reviewer three inbox entries and one digest mail naming all
     * three; the next run's single change is the next mail; nothing is mailed twice.
     */
    @Test
    void crawlChangesReachTheReviewersAsOneDigestMailPerRun() throws Exception {
        site = new FixtureSite();
        CrawlClient crawl = crawlTenant();
        User reviewer = user(slug, "REVIEWER");
        site.page("/", "Rathaus", "Willkommen im Rathaus der Gemeinde Quellenhausen.", "/abfall", "/hund");
        site.page("/abfall", "Abfallkalender", "Die Biotonne wird dienstags geleert.");
        site.page("/hund", "Hundesteuer", "Die Hundesteuer beträgt 96 Euro im Jahr.");
        String source = crawl.createSource(site.url("/"), Map.of("requiresApproval", true, "maxDepth", 1));
        crawl.crawl(source);
        JsonNode i = await(reviewer, x -> x.get("items").size() == 3);
        assertThat(i.get("items").valueStream().map(e -> e.get("kind").asString())).containsOnly("change");
        JsonNode change = api.get(base + "/kb/changes/" + i.get("items").get(0).get("subjectId").asString(), reviewer.token()).json();
        assertThat(change.get("change").get("url").asString()).startsWith(site.base());

        List<Mail> mails = awaitMails(reviewer.email(), 1);
        assertThat(mails.getFirst().subject()).isEqualTo("3 geänderte Seiten zur Prüfung");
        assertThat(mails.getFirst().body()).contains("Guten Tag").contains("Rathaus").contains("Abfallkalender").contains("Hundesteuer");

        site.page("/hund", "Hundesteuer", "Die Hundesteuer beträgt 120 Euro im Jahr.");
        crawl.crawl(source);
        await(reviewer, x -> x.get("items").size() == 4);
        mails = awaitMails(reviewer.email(), 2);
        assertThat(mails.get(1).subject()).isEqualTo("Geänderte Seite zur Prüfung: Hundesteuer");
        assertThat(mails.get(1).body()).contains("Hundesteuer").doesNotContain("Abfallkalender");
        Thread.sleep(3_000); // several digest rounds (application-test.yaml: every 300 ms, quiet after 1 s)
        assertThat(mailsTo(reviewer.email())).as("each change is mailed once").hasSize(2);
    }

    /** The mail server is down when the digest is due: the entries wait, and the mail goes out once it is back. */
    @Test
    void aDigestThatCannotBeSentWaitsForTheMailServer() throws Exception {
        site = new FixtureSite();
        CrawlClient crawl = crawlTenant();
        User reviewer = user(slug, "REVIEWER");
        smtp.stop();
        site.page("/", "Rathaus", "Willkommen im Rathaus der Gemeinde Quellenhausen.");
        String source = crawl.createSource(site.url("/"), Map.of("requiresApproval", true, "maxDepth", 0));
        crawl.crawl(source);
        await(reviewer, x -> x.get("items").size() == 1);
        UUID tenantId = crawl.tenant.id();
        long deadline = System.currentTimeMillis() + 30_000;
        while (jdbc.sql("select count(*) from kb_notifications where tenant_id = ? and mail_error is not null")
                .param(tenantId).query(Long.class).single() == 0) {
            assertThat(System.currentTimeMillis()).as("a failed attempt recorded").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(jdbc.sql("select mail_state from kb_notifications where tenant_id = ?").param(tenantId)
                .query(String.class).list()).as("waiting for the next attempt").containsOnly("due");
        smtp = new GreenMail(new ServerSetup(mail.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<Mail> mails = awaitMails(reviewer.email(), 1);
        assertThat(mails.getFirst().subject()).isEqualTo("Geänderte Seite zur Prüfung: Rathaus");
        assertThat(jdbc.sql("select mail_state from kb_notifications where tenant_id = ?").param(tenantId)
                .query(String.class).list()).containsOnly("sent");
    }
}
