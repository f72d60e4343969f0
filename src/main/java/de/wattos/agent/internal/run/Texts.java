package de.wattos.agent.internal.run;

/** What the citizen reads when the run does not end in a normal answer. */
final class Texts {

    private Texts() {
    }

    static String refused() {
        return "Zu diesem Thema kann ich leider keine Auskunft geben. Bitte wenden Sie sich direkt an die Verwaltung.";
    }

    static String handedOver() {
        return "Ich verbinde Sie mit einer Mitarbeiterin oder einem Mitarbeiter. Bitte haben Sie einen Moment Geduld.";
    }

    static String awaitingApproval() {
        return "Ihre Anfrage wird von einem Mitarbeiter geprüft.";
    }

    static String denied() {
        return "Diese Anfrage konnte leider nicht freigegeben werden. Eine Mitarbeiterin oder ein Mitarbeiter hat sie geprüft; "
                + "bitte wenden Sie sich bei Fragen direkt an die Verwaltung.";
    }

    static String expired() {
        return "Ihre Anfrage konnte nicht rechtzeitig geprüft werden. Bitte versuchen Sie es später noch einmal oder wenden "
                + "Sie sich direkt an die Verwaltung.";
    }

    static String failed() {
        return "Entschuldigung, das hat gerade nicht geklappt. Bitte versuchen Sie es gleich noch einmal.";
    }

    static String noAnswer() {
        return "Dazu habe ich in den Quellen leider nichts gefunden.";
    }

    /** The agent's own no-answer text (its character's, naming where to ask instead), else the general one. */
    static String noAnswer(de.wattos.character.AgentProfile agent) {
        return agent != null && agent.noAnswerText() != null && !agent.noAnswerText().isBlank() ? agent.noAnswerText() : noAnswer();
    }
}
