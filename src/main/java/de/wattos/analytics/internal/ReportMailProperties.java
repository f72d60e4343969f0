package de.wattos.analytics.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP server scheduled reports are sent through ({@code wattos.mail.*}, env {@code WATTOS_MAIL_*}). Nothing is
 * required: without a host no mail is sent, and report schedules say so instead of failing.
 *
 * @param host     SMTP host; empty = mail is off
 * @param port     SMTP port
 * @param username login, if the server wants one
 * @param password its password
 * @param from     the sender address of reports
 * @param starttls whether to require STARTTLS
 */
@ConfigurationProperties("wattos.mail")
public record ReportMailProperties(
        @DefaultValue("") String host,
        @DefaultValue("25") int port,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("wattos@localhost") String from,
        @DefaultValue("false") boolean starttls) {

    public boolean configured() {
        return host != null && !host.isBlank();
    }
}
