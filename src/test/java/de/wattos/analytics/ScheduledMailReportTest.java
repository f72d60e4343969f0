package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.wattos.IntegrationTest;
import de.wattos.platform.MailProperties;
import de.wattos.platform.Role;
import de.wattos.platform.events.DomainEvents;
import de.wattos.support.TestApi;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.awaitility.Awaitility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Scheduled e-mail reports over real SMTP (GreenMail on loopback): a tenant admin sets up a weekly PDF report,
 * it falls due, and the mail arrives with last week's figures attached; the schedule then records the sending and
 * moves to next Monday morning in the tenant's time zone. Bad input, roles and other tenants are refused.
 */
@IntegrationTest
class ScheduledMailReportTest {

    @LocalServerPort
    int port;
    @Autowired
    MailProperties mail;
    @Autowired
    DomainEvents bus;
    @Autowired
    JdbcClient jdbc;

    GreenMail smtp;
    TestApi api;
    TestApi.Tenant tenant;
    String admin;
    String base;

    @BeforeEach
    void setUp() {
        smtp = new GreenMail(new ServerSetup(mail.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        api = new TestApi(port);
        tenant = api.createTenant();
        admin = api.userToken(tenant.slug(), Role.TENANT_ADMIN);
        base = "/api/v1/tenants/" + tenant.slug() + "/analytics/report-schedules";
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
    }

    @Test
    void aWeeklyReportFallsDueAndArrivesWithLastWeeksPdfAttached() throws Exception {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LocalDate lastMonday = LocalDate.now(berlin).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
        AnalyticsTraffic traffic = new AnalyticsTraffic(bus, jdbc, tenant.id());
        for (int i = 0; i < 3; i++) {
            UUID c = traffic.conversation(lastMonday.plusDays(i).atTime(10, 0).atZone(berlin).toInstant(), "widget", null, "v_" + i);
            traffic.answer(c, lastMonday.plusDays(i).atTime(10, 1).atZone(berlin).toInstant(), "Wann hat das Bürgerbüro geöffnet?",
                    false, "stop", 800, 150L, 80, List.of());
        }

        TestApi.Response saved = api.put(base + "/weekly", admin, Map.of("recipients", List.of("amt@gemeinde.example",
                "buergermeisterin@gemeinde.example"), "format", "pdf"));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("state").asString()).isEqualTo("SCHEDULED");
        Instant nextMonday = LocalDate.now(berlin).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(LocalTime.of(6, 0))
                .atZone(berlin).toInstant();
        Instant next = Instant.parse(saved.json().get("schedule").get("nextRunAt").asString());
        assertThat(next).isIn(nextMonday, nextMonday.minusSeconds(7 * 86_400)); // today may be a Monday before 6:00

        // time passes: the schedule falls due (the scheduler looks every 2 s in tests)
        int moved = jdbc.sql("update analytics_report_schedules set next_run_at = now() - interval '1 minute' where tenant_id = :t")
                .param("t", tenant.id()).update();
        assertThat(moved).as("the schedule was made due").isEqualTo(1);
        // GreenMail's waitForIncomingEmail missed mails delivered from the scheduler's thread: count what arrived
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (smtp.getReceivedMessages().length < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(smtp.getReceivedMessages()).as("two recipients got the report; schedules %s", api.get(base, admin).body())
                .hasSize(2);
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getSubject()).contains("Wochenbericht", tenant.slug(), lastMonday.toString(),
                lastMonday.plusDays(6).toString());
        Multipart parts = (Multipart) message.getContent();
        BodyPart pdf = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getFileName() != null) {
                pdf = parts.getBodyPart(i);
            }
        }
        assertThat(pdf).as("an attachment").isNotNull();
        assertThat(pdf.getFileName()).endsWith(".pdf");
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pdf.getInputStream().transferTo(bytes);
        try (PDDocument doc = Loader.loadPDF(bytes.toByteArray())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(tenant.slug()).contains("Unterhaltungen");
        }

        JsonNode listed = api.get(base, admin).json();
        assertThat(listed.get("mailConfigured").asBoolean()).isTrue();
        JsonNode item = listed.get("items").get(0);
        assertThat(item.get("state").asString()).isEqualTo("SENT");
        assertThat(Instant.parse(item.get("schedule").get("nextRunAt").asString())).isAfter(Instant.now());
        assertThat(item.get("schedule").get("lastRunAt").isNull()).isFalse();
    }

    @Test
    void sendNowMailsTheCsvOfTheLastCompletePeriod() throws Exception {
        assertThat(api.put(base + "/daily", admin, Map.of("recipients", List.of("statistik@gemeinde.example"), "format", "csv",
                "locale", "en")).status()).isEqualTo(200);
        assertThat(api.post(base + "/daily/send", admin, Map.of()).status()).isEqualTo(204);
        assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getSubject()).startsWith("Daily report");
        assertThat(((Multipart) message.getContent()).getBodyPart(1).getFileName()).endsWith(".csv");
    }

    @Test
    void badInputRolesAndOtherTenantsAreRefused() {
        assertThat(api.put(base + "/hourly", admin, Map.of("recipients", List.of("a@b.example"))).status()).isEqualTo(400);
        TestApi.Response bad = api.put(base + "/weekly", admin, Map.of("recipients", List.of("a@b.example", "kein-mail")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("recipients[1]");
        assertThat(api.put(base + "/weekly", admin, Map.of("recipients", List.of())).status()).isEqualTo(400);
        assertThat(api.put(base + "/weekly", admin, Map.of("recipients", List.of("a@b.example"), "format", "docx")).status())
                .isEqualTo(400);
        assertThat(api.delete(base + "/weekly", admin).status()).isEqualTo(404);
        assertThat(api.post(base + "/weekly/send", admin, Map.of()).status()).isEqualTo(404);

        String viewer = api.userToken(tenant.slug(), Role.VIEWER);
        String editor = api.userToken(tenant.slug(), Role.EDITOR);
        assertThat(api.get(base, viewer).status()).isEqualTo(403);
        assertThat(api.get(base, editor).status()).isEqualTo(200);
        assertThat(api.put(base + "/weekly", editor, Map.of("recipients", List.of("a@b.example"))).status()).isEqualTo(403);

        assertThat(api.put(base + "/monthly", admin, Map.of("recipients", List.of("a@b.example"))).status()).isEqualTo(200);
        TestApi.Tenant other = api.createTenant();
        String otherAdmin = api.userToken(other.slug(), Role.TENANT_ADMIN);
        assertThat(api.get(base, otherAdmin).status()).isEqualTo(404);
        assertThat(api.delete(base + "/monthly", otherAdmin).status()).isEqualTo(404);
        assertThat(api.delete(base + "/monthly", admin).status()).isEqualTo(204);
    }

    /** Mails of this test's tenant whose subject starts with the report type's name. */
    private long mails(String type) {
        return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith(type) && m.getSubject().contains(tenant.slug());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    private void awaitMails(String type, long count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> mails(type) >= count);
    }

    private void makeDue(String type) {
        assertThat(jdbc.sql("update analytics_report_schedules set next_run_at = now() - interval '1 minute' where tenant_id = :t and type = :type")
                .param("t", tenant.id()).param("type", type).update()).isEqualTo(1);
    }

    private Map<String, Object> row(String type) {
        return jdbc.sql("select next_run_at > now() as moved_on, last_status, claim_token, attempts from analytics_report_schedules where tenant_id = :t and type = :type")
                .param("t", tenant.id()).param("type", type).query().singleRow();
    }

    @Test
    void aSendingCutOffByACrashIsTakenAgainOnceItsLeaseRunsOutAndArrivesOnce() {
        List<String> one = List.of("amt@gemeinde.example");
        assertThat(api.put(base + "/daily", admin, Map.of("recipients", one)).status()).isEqualTo(200);
        assertThat(api.put(base + "/weekly", admin, Map.of("recipients", one)).status()).isEqualTo(200);
        // a node claimed the due daily report and died before sending it: its due time stays, its lease holds
        makeDue("DAILY");
        jdbc.sql("""
                update analytics_report_schedules set claimed_until = now() + interval '1 hour', claim_token = gen_random_uuid()
                where tenant_id = :t and type = 'DAILY'""").param("t", tenant.id()).update();
        // the weekly report due at the same time is sent: the scheduler has looked, and left the claimed one alone
        makeDue("WEEKLY");
        awaitMails("Wochenbericht", 1);
        assertThat(mails("Tagesbericht")).as("a live claim is not taken").isZero();
        assertThat(row("DAILY").get("moved_on")).as("the unsent report stays due").isEqualTo(false);

        // the dead node's lease runs out: this node takes the report and sends it
        jdbc.sql("update analytics_report_schedules set claimed_until = now() - interval '1 second' where tenant_id = :t and type = 'DAILY'")
                .param("t", tenant.id()).update();
        awaitMails("Tagesbericht", 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(row("DAILY").get("moved_on")));
        assertThat(row("DAILY")).containsEntry("last_status", "SENT").containsEntry("attempts", 0);
        assertThat(row("DAILY").get("claim_token")).isNull();

        // once: later rounds of the scheduler (seen by another weekly sending) do not send it again
        makeDue("WEEKLY");
        awaitMails("Wochenbericht", 2);
        assertThat(mails("Tagesbericht")).isEqualTo(1);
    }

    @Test
    void aSendingThatFailsStaysDueAndArrivesOnceTheMailServerIsBack() {
        assertThat(api.put(base + "/daily", admin, Map.of("recipients", List.of("amt@gemeinde.example"))).status())
                .isEqualTo(200);
        smtp.stop();
        makeDue("DAILY");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(row("DAILY").get("last_status")));
        assertThat(row("DAILY").get("moved_on")).as("the period is not given up after one failure").isEqualTo(false);

        smtp = new GreenMail(new ServerSetup(mail.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        awaitMails("Tagesbericht", 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(row("DAILY").get("last_status")));
        assertThat(row("DAILY").get("moved_on")).isEqualTo(true);
        assertThat(mails("Tagesbericht")).isEqualTo(1);
    }
}
