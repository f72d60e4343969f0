package de.wattos.kb.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP server reviewer notifications go through: the same {@code wattos.mail.*} settings (env
 * {@code WATTOS_MAIL_*}) as scheduled reports, read here on their own so the modules stay independent. Without a host
 * no mail is sent; the console inbox still gets every entry. {@code consoleUrl}: where the console is reachable, for
 * the link in the mail (empty: no link).
 */
@ConfigurationProperties("wattos.mail")
public record ReviewMailProperties(
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
