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
    void legalQuestionsWordedAroundTheirNounsPass() {
        RelevanceGate gate = new RelevanceGate(0.0, 0.5);
        var grundgesetz = List.of(PromptAndCitationTest.hit("Grundgesetz für die Bundesrepublik Deutschland",
                "Art 1 (1) Die Würde des Menschen ist unantastbar. Sie zu achten und zu schützen ist Verpflichtung aller staatlichen Gewalt.", 1.0));
        assertThat(gate.judge("Was regelt Artikel 1 des Grundgesetzes zur Würde des Menschen?", grundgesetz).relevant()).isTrue();
        var satzung = List.of(PromptAndCitationTest.hit("Satzung über die Erhebung der Hundesteuer",
                "§ 5 Steuersatz (1) Die Steuer beträgt im Kalenderjahr für jeden Hund 150,00 €.", 1.0));
        assertThat(gate.judge("Wie hoch ist die Hundesteuer für den ersten Hund?", satzung).relevant()).isTrue();
        assertThat(gate.judge("Was steht in Paragraph 5 zur Steuer?", satzung).relevant()).isTrue();
        assertThat(gate.judge("Wann fährt der nächste Zug nach München?", satzung).relevant()).isFalse();
        assertThat(gate.judge("Wie wird das Wetter morgen in Hamburg?", grundgesetz).relevant()).isFalse();
        assertThat(ContentWords.nouns("Was regelt Artikel 1 des Grundgesetzes zur Würde des Menschen?"))
                .containsExactly("artikel", "grundgesetzes", "würde", "menschen");
        assertThat(ContentWords.stem("Grundgesetzes")).isEqualTo("grundgesetz");
        assertThat(ContentWords.mentioned("Zug", ContentWords.fold("Bezug und Anzug"))).isFalse();
        assertThat(ContentWords.mentioned("Zug", ContentWords.fold("der Zug fährt"))).isTrue();
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
                .isEqualTo("Und wie lange dauert das? (personalausweis)");
        List<Turn> fee = List.of(new Turn(true, "Wie hoch ist die Gebühr für einen Personalausweis?"), new Turn(false, "37 Euro [1]."));
        assertThat(QuestionCondenser.heuristic(fee, "Und wie lange ist er gültig?")).isEqualTo("Und wie lange ist er gültig? (personalausweis)");
        List<Turn> noNouns = List.of(new Turn(true, "wann hat das bürgerbüro offen?"), new Turn(false, "…"));
        assertThat(QuestionCondenser.heuristic(noNouns, "Und samstags?")).isEqualTo("Und samstags? (bürgerbüro offen)");
        assertThat(condenser.condense(List.of(), "Und wie lange dauert das?").method()).isEqualTo("none");
        assertThat(condenser.condense(history, "Welche Unterlagen brauche ich für die Anmeldung einer Wohnung?").method())
                .isEqualTo("none");
    }
}
