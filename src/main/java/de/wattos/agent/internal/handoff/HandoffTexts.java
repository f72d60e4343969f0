package de.wattos.agent.internal.handoff;

import de.wattos.tenancy.TenantContact;
import java.util.ArrayList;
import java.util.List;

/** What the citizen reads around a handoff (German, the widget's conversation language for agents). */
final class HandoffTexts {

    private HandoffTexts() {
    }

    static String queued() {
        return "Ich verbinde Sie mit einer Mitarbeiterin oder einem Mitarbeiter. Bitte haben Sie einen Moment Geduld – "
                + "Sie können hier schon schreiben, worum es geht.";
    }

    static String taken(String name) {
        return "Guten Tag, hier ist " + name + ". Ich habe Ihr Anliegen übernommen und antworte Ihnen hier.";
    }

    static String ended() {
        return "Das Gespräch mit unserem Team ist beendet. Ich bin wieder für Sie da – fragen Sie mich gern.";
    }

    static String outsideHours(String hours, TenantContact contact) {
        StringBuilder s = new StringBuilder("Gerade ist leider niemand aus unserem Team erreichbar.");
        if (hours != null) {
            s.append(" Unsere Servicezeiten: ").append(hours).append('.');
        }
        List<String> ways = new ArrayList<>();
        if (contact.phone() != null) {
            ways.add("telefonisch unter " + contact.phone());
        }
        if (contact.email() != null) {
            ways.add("per E-Mail an " + contact.email());
        }
        if (contact.url() != null) {
            ways.add("über " + contact.url());
        }
        if (!ways.isEmpty()) {
            s.append(" Sie erreichen uns ").append(String.join(", ", ways)).append('.');
        }
        s.append(" Schreiben Sie uns gern eine E-Mail mit Ihrer Rückrufnummer – wir melden uns zu den Servicezeiten.");
        return s.toString();
    }
}
