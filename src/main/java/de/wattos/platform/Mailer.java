package de.wattos.platform;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends plain-text mails, with attachments if any, over SMTP ({@link MailProperties}); off without a host. */
@Component
public class Mailer {

    public record Attachment(String filename, String contentType, byte[] content) {
    }

    private final MailProperties properties;
    private final JavaMailSenderImpl sender;

    public Mailer(MailProperties properties) {
        this.properties = properties;
        this.sender = properties.configured() ? sender(properties) : null;
    }

    private static JavaMailSenderImpl sender(MailProperties p) {
        JavaMailSenderImpl s = new JavaMailSenderImpl();
        s.setHost(p.host().strip());
        s.setPort(p.port());
        if (!p.username().isBlank()) {
            s.setUsername(p.username());
            s.setPassword(p.password());
        }
        s.setDefaultEncoding("UTF-8");
        Properties js = s.getJavaMailProperties();
        js.put("mail.smtp.auth", String.valueOf(!p.username().isBlank()));
        js.put("mail.smtp.starttls.enable", String.valueOf(p.starttls()));
        js.put("mail.smtp.starttls.required", String.valueOf(p.starttls()));
        // a hanging server must not hold the sending thread for minutes
        js.put("mail.smtp.connectiontimeout", "10000");
        js.put("mail.smtp.timeout", "30000");
        js.put("mail.smtp.writetimeout", "30000");
        return s;
    }

    public boolean configured() {
        return sender != null;
    }

    /** Where the console is reachable, for links in mails; empty when not configured. */
    public String consoleUrl() {
        return properties.consoleUrl() == null ? "" : properties.consoleUrl();
    }

    /** Sends one mail; throws with the reason when mail is off or the server refuses it. */
    public void send(List<String> recipients, String subject, String text, Attachment... attachments) {
        if (sender == null) {
            throw new IllegalStateException("no SMTP host configured (wattos.mail.host)");
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, attachments.length > 0, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(recipients.toArray(String[]::new));
            helper.setSubject(subject);
            helper.setText(text, false);
            for (Attachment a : attachments) {
                helper.addAttachment(a.filename(), new ByteArrayResource(a.content()), a.contentType());
            }
            sender.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("the mail could not be composed: " + e.getMessage(), e);
        }
    }
}
