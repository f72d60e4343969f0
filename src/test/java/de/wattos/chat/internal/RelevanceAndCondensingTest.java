package de.wattos.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelevanceAndCondensingTest {

    @Test
    void passagesThatAnswerTheFocusPassTheGate() {
        RelevanceGate gate = new RelevanceGate(0.0, 0.6);
        var hits = List.of(PromptAndCitationTest.hit("Bewohnerparken",
                "Den Bewohnerparkausweis beantragen Sie im Bürgerbüro. Die Gebühr beträgt 30 Euro im Jahr.", 1.0));
        assertThat(gate.judge("Wie beantrage ich einen Anwohnerparkausweis?", hits).relevant()).isTrue();
        assertThat(gate.judge("Was kostet die Gebuehr für den Parkausweis?", hits).relevant()).isTrue();
        assertThat(gate.judge("Wie hoch ist der Mount Everest?", hits).relevant()).isFalse();
        assertThat(gate.judge("Wie beantrage ich einen Anwohnerparkausweis?", List.of()).relevant()).isFalse();
        assertThat(new RelevanceGate(2.0, 0.6).judge("Wie beantrage ich einen Anwohnerparkausweis?", hits).relevant()).isFalse();
    }

    @Test
    void theTopicAloneIsNotEnoughWhenTheAskedAttributeIsMissing() {
        RelevanceGate gate = new RelevanceGate(0.0, 0.6);
        var friedhof = List.of(PromptAndCitationTest.hit("Friedhofssatzung",
                "Grabstätten werden nur anlässlich eines Todesfalls vergeben. Die Gebühren regelt die Friedhofsgebührenordnung.", 1.0));
        assertThat(gate.judge("Was kostet eine Grabstätte auf dem Friedhof?", friedhof).relevant()).isFalse();
        var satzung = List.of(PromptAndCitationTest.hit("Satzung über die Erhebung der Hundesteuer",
                "§ 5 Steuersatz (1) Die Steuer beträgt im Kalenderjahr für jeden Hund 150,00 €.", 1.0));
        assertThat(gate.judge("Wie hoch ist die Hundesteuer für den ersten Hund?", satzung).relevant()).isTrue();
        assertThat(gate.judge("Wann fährt der nächste Zug nach München?", satzung).relevant()).isFalse();
        var grundgesetz = List.of(PromptAndCitationTest.hit("Grundgesetz für die Bundesrepublik Deutschland",
                "Art 1 (1) Die Würde des Menschen ist unantastbar. Sie zu achten und zu schützen ist Verpflichtung aller staatlichen Gewalt.", 1.0));
        assertThat(gate.judge("Was regelt Artikel 1 des Grundgesetzes zur Würde des Menschen?", grundgesetz).relevant()).isTrue();
        assertThat(gate.judge("Wie wird das Wetter morgen in Hamburg?", grundgesetz).relevant()).isFalse();
    }

    @Test
    void personalDataDoesNotCountAsQuestionContent() {
        RelevanceGate gate = new RelevanceGate(0.0, 0.6);
        var satzung = List.of(PromptAndCitationTest.hit("Satzung über die Erhebung der Hundesteuer",
                "§ 5 Steuersatz (1) Die Steuer beträgt im Kalenderjahr für jeden Hund 150,00 €.", 1.0));
        String question = "Meine E-Mail ist max.mustermann@example.org und meine IBAN DE89 3704 0044 0532 0130 00. "
                + "Wie hoch ist die Hundesteuer für den ersten Hund?";
        assertThat(gate.judge(question, satzung).relevant()).isTrue();
    }

    @Test
    void onlyDependentQuestionsAreCondensed() {
        List<Turn> history = List.of(new Turn(true, "Was kostet ein Personalausweis?"),
                new Turn(false, "Ein Personalausweis kostet 37 Euro [1]."));
        assertThat(QuestionCondenser.looksLikeFollowUp("Und wie lange dauert das?")).isTrue();
        assertThat(QuestionCondenser.looksLikeFollowUp("Und für den zweiten Hund?")).isTrue();
        assertThat(QuestionCondenser.looksLikeFollowUp("Welche Unterlagen brauche ich für die Anmeldung einer Wohnung?")).isFalse();
        assertThat(QuestionCondenser.looksLikeFollowUp("Gibt es diese Informationen auch in Leichter Sprache?")).isFalse();
        assertThat(QuestionCondenser.looksLikeFollowUp("Seit wann gibt es Daten zur Arbeitslosenquote?")).isFalse();
        var condenser = new QuestionCondenser(null, false);
        assertThat(condenser.condense(history, "Und wie lange dauert das?").question())
                .isEqualTo("Und wie lange dauert das? (Personalausweis)");
        List<Turn> fee = List.of(new Turn(true, "Wie hoch ist die Gebühr für einen Personalausweis?"), new Turn(false, "37 Euro [1]."));
        assertThat(QuestionCondenser.heuristic(fee, "Und wie lange ist er gültig?")).isEqualTo("Und wie lange ist er gültig? (Personalausweis)");
        assertThat(condenser.condense(List.of(), "Und wie lange dauert das?").method()).isEqualTo("none");
        assertThat(condenser.condense(history, "Welche Unterlagen brauche ich für die Anmeldung einer Wohnung?").method())
                .isEqualTo("none");
    }

    @Test
    void independentQuestionsInOneConversationAreSearchedAlone() {
        var condenser = new QuestionCondenser(null, false);
        List<Turn> history = List.of(new Turn(true, "Was bedeutet SDG und wie viele Ziele gibt es?"),
                new Turn(false, "Es gibt 17 Ziele [1]."));
        for (String q : List.of("Wie viele Indikatoren gibt es und für wie viele liegen schon Daten vor?",
                "Woher stammen die Daten zur Wohnungslosigkeit in Ingolstadt?",
                "Gibt es diese Informationen auch in Leichter Sprache?")) {
            QuestionCondenser.Condensed c = condenser.condense(history, q);
            assertThat(c.method()).as(q).isEqualTo("none");
            assertThat(c.question()).isEqualTo(q);
        }
    }
}
