package de.wattos.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelevanceAndCondensingTest {

    @Test
    void passagesAboutTheQuestionPassTheGate() {
        RelevanceGate gate = new RelevanceGate(0.0, 0.5);
        var hits = List.of(PromptAndCitationTest.hit("Bewohnerparken",
                "Den Bewohnerparkausweis beantragen Sie im Bürgerbüro. Die Gebühr beträgt 30 Euro im Jahr.", 1.0));
        assertThat(gate.judge("Wie beantrage ich einen Anwohnerparkausweis?", hits).relevant()).isTrue();
        assertThat(gate.judge("Was kostet die Gebuehr für den Parkausweis?", hits).relevant()).isTrue();
        assertThat(gate.judge("Wie hoch ist der Mount Everest?", hits).relevant()).isFalse();
        assertThat(gate.judge("Wie beantrage ich einen Anwohnerparkausweis?", List.of()).relevant()).isFalse();
        assertThat(new RelevanceGate(2.0, 0.5).judge("Wie beantrage ich einen Anwohnerparkausweis?", hits).relevant()).isFalse();
    }

    @Test
    void contentWordsDropStopWordsAndFoldUmlauts() {
        assertThat(ContentWords.of("Was kostet ein Führerschein in Ingolstadt?"))
                .containsExactly("kostet", "führerschein", "ingolstadt");
        assertThat(ContentWords.mentioned("Gebühren", ContentWords.fold("Die Gebuehr beträgt"))).isTrue();
        assertThat(ContentWords.mentioned("Hundesteuer", ContentWords.fold("Die Steuer für Hunde"))).isTrue();
        assertThat(ContentWords.mentioned("Hundesteuer", ContentWords.fold("Gebühren für die Müllabfuhr"))).isFalse();
        assertThat(ContentWords.mentioned("Hundesteuern", ContentWords.fold("der hundesteuer"))).isTrue();
    }

    @Test
    void followUpsCarryTheTopicOfEarlierQuestions() {
        List<Turn> history = List.of(new Turn(true, "Was kostet ein Personalausweis?"),
                new Turn(false, "Ein Personalausweis kostet 37 Euro [1]."));
        assertThat(QuestionCondenser.looksLikeFollowUp("Und wie lange dauert das?")).isTrue();
        assertThat(QuestionCondenser.looksLikeFollowUp("Welche Unterlagen brauche ich für die Anmeldung einer Wohnung?")).isFalse();
        var condenser = new QuestionCondenser(null, false);
        assertThat(condenser.condense(history, "Und wie lange dauert das?").question())
                .isEqualTo("Und wie lange dauert das? (kostet personalausweis)");
        assertThat(condenser.condense(List.of(), "Und wie lange dauert das?").method()).isEqualTo("none");
        assertThat(condenser.condense(history, "Welche Unterlagen brauche ich für die Anmeldung einer Wohnung?").method())
                .isEqualTo("none");
    }
}
