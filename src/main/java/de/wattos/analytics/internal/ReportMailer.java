package de.wattos.analytics.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends a report with its file attached over SMTP ({@link ReportMailProperties}); off without a host. */
@Component
class ReportMailer {

    private final ReportMailProperties properties;
    private final JavaMailSenderImpl sender;

    ReportMailer(ReportMailProperties properties) {
        this.properties = properties;
        this.sender = properties.configured() ? sender(properties) : null;
    }

    private static JavaMailSenderImpl sender(ReportMailProperties p) {
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
        // a hanging server must not hold the scheduler thread for minutes
        js.put("mail.smtp.connectiontimeout", "10000");
        js.put("mail.smtp.timeout", "30000");
        js.put("mail.smtp.writetimeout", "30000");
        return s;
    }

    boolean configured() {
        return sender != null;
    }

    record Attachment(String filename, String contentType, byte[] content) {
    }

    void send(List<String> recipients, String subject, String text, Attachment attachment) {
        if (sender == null) {
            throw new IllegalStateException("no SMTP host configured (wattos.mail.host)");
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(recipients.toArray(String[]::new));
            helper.setSubject(subject);
            helper.setText(text, false);
            helper.addAttachment(attachment.filename(), new ByteArrayResource(attachment.content()), attachment.contentType());
            sender.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("the report mail could not be composed: " + e.getMessage(), e);
        }
    }
}
