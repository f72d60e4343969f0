package de.wattos.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The platform's German text kit: folding, stemming, compounds, language, personal data, question focus, relevance. */
class TextKitTest {

    @Test
    void foldsStemsAndMatchesCompounds() {
        assertThat(GermanText.fold("Gebühr Straße Café")).isEqualTo("gebuehr strasse cafe");
        assertThat(GermanText.terms("Die Gebühren des Grundgesetzes")).containsExactly("gebuehr", "grundgesetz");
        assertThat(GermanText.terms("§ 5 Abs. 2")).containsExactly("paragraf", "5", "absatz", "2");
        assertThat(GermanText.bestMatch("hundesteuer", List.of("steuer", "hund"))).isGreaterThanOrEqualTo(0.9);
        assertThat(GermanText.bestMatch("steuer", List.of("hundesteuer"))).isEqualTo(0.8);
        assertThat(GermanText.bestMatch("zug", List.of("bezug", "anzug"))).isZero();
    }

    @Test
    void tellsGermanFromEnglish() {
        assertThat(Language.detect("Die Daten stammen vom Statistischen Bundesamt und werden jährlich erhoben.")).isEqualTo("de");
        assertThat(Language.detect("The data is published by the federal statistical office every year.")).isEqualTo("en");
        assertThat(Language.detect("SDG-DashKon")).isNull();
        assertThat(Language.ofLocale("en-GB")).isEqualTo("en");
    }

    @Test
    void personalDataIsCutOutWithTheWordsThatIntroduceIt() {
        String q = "Meine E-Mail ist max.mustermann@example.org und meine IBAN DE89 3704 0044 0532 0130 00 "
                + "Wie hoch ist die Hundesteuer für den ersten Hund?";
        assertThat(PersonalData.redact(q)).isEqualTo("Wie hoch ist die Hundesteuer für den ersten Hund?");
        assertThat(PersonalData.redact("Wie hoch ist die Hundesteuer? Mail: a@b.de")).doesNotContain("a@b.de");
        assertThat(PersonalData.mask("Ruf 0841 305-1234 an", (type, value) -> "[" + type + "]")).isEqualTo("Ruf [TELEFON] an");
    }

    @Test
    void theFocusIsTheTopicAndTheAskedAttributeNotTheFiller() {
        QuestionFocus source = QuestionFocus.of("Woher stammen die Daten zur Wohnungslosigkeit in Ingolstadt?");
        assertThat(source.attribute()).isEqualTo(Attribute.SOURCE);
        assertThat(source.topic()).containsOnlyKeys(GermanText.term("Wohnungslosigkeit"), GermanText.term("Ingolstadt"));
        assertThat(QuestionFocus.of("Wie hoch ist die Hundesteuer für den ersten Hund?").attribute()).isEqualTo(Attribute.AMOUNT);
        assertThat(QuestionFocus.of("Bis wann muss ich einen neuen Hund bei der Gemeinde anmelden?").attribute())
                .isEqualTo(Attribute.DATE);
        assertThat(QuestionFocus.of("Wie kann ich neue Datenquellen vorschlagen?").attribute()).isEqualTo(Attribute.PROCEDURE);
        assertThat(QuestionFocus.of("Für wie viele Jahre wird der Bundestag gewählt?").attribute()).isEqualTo(Attribute.DURATION);
        assertThat(QuestionFocus.of("Gibt es diese Informationen auch in Leichter Sprache?").attribute()).isEqualTo(Attribute.YES_NO);
        assertThat(QuestionFocus.of("wer liefert eigentlich die zahlen zur arbeitslosenquote?").topic())
                .containsOnlyKeys(GermanText.term("Arbeitslosenquote"));
        assertThat(QuestionFocus.of("Und was kostet das?").dependent()).isTrue();
        assertThat(QuestionFocus.of("Was bedeutet SDG und wie viele Ziele gibt es?").dependent()).isFalse();
    }

    @Test
    void aRowAnswersWhenItsKeyNamesTheAttributeUnderTheRightHeading() {
        QuestionFocus focus = QuestionFocus.of("Woher stammen die Daten zur Wohnungslosigkeit?");
        String right = "Indikator 1.1 Wohnungslosigkeit\nEinheit | Prozent\nDatenquellen | Statistisches Bundesamt";
        String other = "Indikator 11.2 Mobilität\nDatenquellen | Straßenbefahrung 2022\nDie Daten stammen aus der Straßenbefahrung 2022.";
        Relevance relevance = Relevance.of(focus, List.of(right, other));
        List<TextUnit> units = TextUnits.of(right);
        TextUnit row = units.stream().filter(u -> "Datenquellen".equals(u.key())).findFirst().orElseThrow();
        assertThat(row.heading()).isEqualTo("Indikator 1.1 Wohnungslosigkeit");
        assertThat(relevance.judge(row, "Indikatoren").answers()).isTrue();
        TextUnit unit = units.stream().filter(u -> "Einheit".equals(u.key())).findFirst().orElseThrow();
        assertThat(relevance.judge(unit, "Indikatoren").answers()).isFalse();
        assertThat(relevance.passageAnswers(other, "Indikator 11.2 Mobilität")).isFalse();
    }

    @Test
    void listItemsCompleteTheirLeadInAndFaqQuestionsAreNoUnits() {
        List<TextUnit> units = TextUnits.of("Die Steuer beträgt:\n- für den ersten Hund 96 Euro\n- für jeden weiteren 150 Euro");
        assertThat(units).extracting(TextUnit::text)
                .containsExactly("Die Steuer beträgt: für den ersten Hund 96 Euro", "Die Steuer beträgt: für jeden weiteren 150 Euro");
        assertThat(TextUnits.sentences("Bitte bringen Sie z. B. Ihren Ausweis mit. Anmeldeschluss ist der 31. Januar."))
                .containsExactly("Bitte bringen Sie z. B. Ihren Ausweis mit.", "Anmeldeschluss ist der 31. Januar.");
    }
}
