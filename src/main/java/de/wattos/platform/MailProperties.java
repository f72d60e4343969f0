package de.wattos.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP server every mail of the platform goes through (scheduled reports, reviewer notifications):
 * {@code wattos.mail.*}, env {@code WATTOS_MAIL_*}. Nothing is required: without a host no mail is sent, and the
 * features that would send one say so instead of failing.
 *
 * @param host       SMTP host; empty = mail is off
 * @param port       SMTP port
 * @param username   login, if the server wants one
 * @param password   its password
 * @param from       the sender address
 * @param starttls   whether to require STARTTLS
 * @param consoleUrl where the console is reachable, for links in mails (empty: no link)
 */
@ConfigurationProperties("wattos.mail")
public record MailProperties(
        @DefaultValue("") String host,
        @DefaultValue("25") int port,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("wattos@localhost") String from,
        @DefaultValue("false") boolean starttls,
        @DefaultValue("") String consoleUrl) {

    public boolean configured() {
        return host != null && !host.isBlank();
    }
}
