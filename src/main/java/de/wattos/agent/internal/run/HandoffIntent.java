package de.wattos.agent.internal.run;

import de.wattos.agent.internal.policy.AgentPolicy;
import java.util.regex.Pattern;

/** Recognises, without a model, that a citizen wants a person ("Ich möchte mit einem Mitarbeiter sprechen"). */
public final class HandoffIntent {

    private static final Pattern PERSON = Pattern.compile("(?iu)\\b(mitarbeiter\\w*|sachbearbeiter\\w*|mensch\\w*|person|jemande?m?|"
            + "berater\\w*|ansprechpartner\\w*|human|real person|agent)\\b");
    private static final Pattern CONTACT = Pattern.compile("(?iu)\\b(sprechen|reden|verbinden|verbunden|weiterleiten|"
            + "kontakt|telefonieren|speak|talk)\\b");

    private HandoffIntent() {
    }

    /** True if the citizen asks to talk to a person. */
    public static boolean asksForPerson(String question) {
        return question != null && PERSON.matcher(question).find() && CONTACT.matcher(question).find();
    }

    /** The reason code if the question asks for a person or names a handoff topic of the policy; else null. */
    static String reason(String question, AgentPolicy policy) {
        if (asksForPerson(question)) {
            return "citizen_request";
        }
        return AgentPolicy.named(question, policy.handoffTopics()) != null ? "sensitive_topic" : null;
    }
}
