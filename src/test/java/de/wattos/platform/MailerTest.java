package de.wattos.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mail is optional: without a host nothing is required at start, and sending says clearly why it cannot. */
class MailerTest {

    @Test
    void withoutAHostMailIsOffAndSendingExplainsWhy() {
        Mailer mailer = new Mailer(new MailProperties("", 25, "", "", "wattos@localhost", false, ""));
        assertThat(mailer.configured()).isFalse();
        assertThatThrownBy(() -> mailer.send(List.of("a@b.example"), "s", "t",
                new Mailer.Attachment("r.pdf", "application/pdf", new byte[] {1})))
                .hasMessageContaining("wattos.mail.host");
    }

    @Test
    void aHostTurnsMailOn() {
        assertThat(new Mailer(new MailProperties("127.0.0.1", 2525, "", "", "wattos@localhost", false, "")).configured())
                .isTrue();
    }
}
