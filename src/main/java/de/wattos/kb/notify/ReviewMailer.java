package de.wattos.kb.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends one plain-text notification over SMTP ({@link ReviewMailProperties}); off without a host. */
@Component
class ReviewMailer {

    private final ReviewMailProperties properties;
    private final JavaMailSenderImpl sender;

    ReviewMailer(ReviewMailProperties properties) {
        this.properties = properties;
        this.sender = properties.configured() ? sender(properties) : null;
    }

    private static JavaMailSenderImpl sender(ReviewMailProperties p) {
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
        js.put("mail.smtp.connectiontimeout", "10000");
        js.put("mail.smtp.timeout", "30000");
        js.put("mail.smtp.writetimeout", "30000");
        return s;
    }

    boolean configured() {
        return sender != null;
    }

    String consoleUrl() {
        return properties.consoleUrl();
    }

    void send(String to, String subject, String text) {
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text, false);
            sender.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("the notification mail could not be composed: " + e.getMessage(), e);
        }
    }
}
