package de.wattos.llm.internal.extractive;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.llm.ModelRequest.Grounding;
import de.wattos.llm.ModelRequest.Passage;
import de.wattos.platform.text.GermanText;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveAnswererTest {

    private final ExtractiveAnswerer answerer = new ExtractiveAnswerer();

    @Test
    void answersFromTheMatchingPassageWithCitation() {
        ExtractiveAnswerer.Answer a = answerer.answer(Groundings.of("Wie hoch ist die Hundesteuer?"));
        assertThat(a.finishReason()).isEqualTo("stop");
        // the sentence that answers, then its source: no boilerplate lead-in
        assertThat(a.text()).startsWith("Die Hundesteuer beträgt für den ersten Hund 96 Euro").contains("[1]");
        assertThat(a.cited()).first().isEqualTo(1);
    }

    @Test
    void foldsUmlautsAndInflections() {
        // "Gebuehren" (typed without umlaut) and "kostet" must find "Gebühr" in passage 3
        ExtractiveAnswerer.Answer a = answerer.answer(Groundings.of("Welche Gebuehren fallen fuer einen Personalausweis an?"));
        assertThat(a.text()).contains("Die Gebühr beträgt 37 Euro").contains("[3]");
        assertThat(a.cited()).first().isEqualTo(3);
    }

    @Test
    void matchesCompoundParts() {
        // "Öffnungszeiten" / "geöffnet", "Bürgerbüro" inside the passage
        ExtractiveAnswerer.Answer a = answerer.answer(Groundings.of("Wann hat das Bürgerbüro geöffnet?"));
        assertThat(a.cited()).first().isEqualTo(2);
        assertThat(a.text()).contains("montags bis freitags von 8 bis 12 Uhr").contains("[2]");
        ExtractiveAnswerer.Answer tax = answerer.answer(Groundings.of("Steuer für meinen Hund"));
        assertThat(tax.cited()).first().isEqualTo(1);
    }

    @Test
    void legalAbbreviationsMatchTheirLongForms() {
        ExtractiveAnswerer.Answer a = answerer.answer(new Grounding(
                "Was regelt Artikel 1 des Grundgesetzes zur Würde des Menschen?", List.of(
                        new Passage(1, "Grundgesetz für die Bundesrepublik Deutschland", "I. Die Grundrechte",
                                "Art 20 (1) Die Bundesrepublik Deutschland ist ein demokratischer und sozialer Bundesstaat."),
                        new Passage(2, "Grundgesetz für die Bundesrepublik Deutschland", "I. Die Grundrechte",
                                "Art 1 (1) Die Würde des Menschen ist unantastbar. Sie zu achten und zu schützen ist "
                                        + "Verpflichtung aller staatlichen Gewalt."),
                        new Passage(3, "Hundesteuersatzung", "§ 5", "Die Steuer beträgt 120 Euro."))));
        assertThat(a.noAnswer()).as(a.text()).isFalse();
        assertThat(a.cited()).first().isEqualTo(2);
        assertThat(a.text()).contains("Die Würde des Menschen ist unantastbar.");
        assertThat(GermanText.terms("§ 5 Abs. 2")).containsExactly("paragraf", "5", "absatz", "2");
    }

    @Test
    void saysSoPolitelyWhenNothingIsRelevant() {
        ExtractiveAnswerer.Answer a = answerer.answer(Groundings.of("Wie wird das Wetter morgen in Berlin?"));
        assertThat(a.finishReason()).isEqualTo("no_answer");
        assertThat(a.text()).isEqualTo("Dazu habe ich in den vorliegenden Quellen keine Information gefunden.");
        assertThat(answerer.answer(null).noAnswer()).isTrue();
        assertThat(answerer.answer(new Grounding("Hundesteuer?", List.of())).noAnswer()).isTrue();
        assertThat(answerer.answer(new Grounding("Was ist das?", Groundings.MUNICIPAL)).noAnswer()).isTrue();
    }

    @Test
    void splitsSentencesButNotAbbreviationsOrOrdinals() {
        List<String> s = ExtractiveAnswerer.sentences("Bitte bringen Sie z. B. Ihren Ausweis mit. Anmeldeschluss ist der "
                + "31. Januar. Tel. 0841 305-0 ist besetzt.\n- Punkt eins\n- Punkt zwei");
        assertThat(s).containsExactly("Bitte bringen Sie z. B. Ihren Ausweis mit.", "Anmeldeschluss ist der 31. Januar.",
                "Tel. 0841 305-0 ist besetzt.", "Punkt eins", "Punkt zwei");
    }

    @Test
    void quotesTheAnsweringUnitOnlyNotEveryPassageOnTheTopic() {
        ExtractiveAnswerer.Answer a = answerer.answer(new Grounding("Wie melde ich meinen Wohnsitz an?", List.of(
                new Passage(1, "Wohnsitz anmelden", "", "Den Wohnsitz melden Sie im Bürgerbüro an. Die Anmeldung ist gebührenfrei."),
                new Passage(2, "Wohnsitz online", "", "Den Wohnsitz können Sie auch online anmelden."),
                new Passage(3, "Wetter", "", "Morgen scheint die Sonne."))));
        // short answers: the unit that answers, then its source; the unrelated passage never
        assertThat(a.cited()).hasSize(1).doesNotContain(3);
        assertThat(a.text()).startsWith("Den Wohnsitz").doesNotContain("Sonne");
    }

    @Test
    void streamsWordSizedDeltasThatAddUpToTheAnswer() {
        String text = answerer.answer(Groundings.of("Wie hoch ist die Hundesteuer?")).text();
        List<String> deltas = ExtractiveAnswerer.deltas(text);
        assertThat(deltas).hasSizeGreaterThan(10);
        assertThat(String.join("", deltas)).isEqualTo(text);
    }
}
