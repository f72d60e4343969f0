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
    @Test
    void participlesZuInfinitivesAndAdministrativeSynonymsMatchTheCitizensVerb() {
        assertThat(GermanText.bestMatch(GermanText.term("räumen"), GermanText.terms("Die Gehwege müssen geräumt sein"))).isEqualTo(0.9);
        assertThat(GermanText.bestMatch(GermanText.term("anzeigen"), GermanText.terms("der Gemeinde schriftlich anzuzeigen"))).isEqualTo(0.9);
        assertThat(GermanText.bestMatch(GermanText.term("anmelden"), GermanText.terms("der Gemeinde schriftlich anzuzeigen"))).isEqualTo(0.9);
        assertThat(GermanText.bestMatch(GermanText.term("bezahlen"), GermanText.terms("ist innerhalb eines Monats zu entrichten"))).isEqualTo(0.9);
        // only the verb itself: a longer word that happens to start with "ge" is no participle of it
        assertThat(GermanText.bestMatch(GermanText.term("räumen"), GermanText.terms("Gebäude und Geräusche"))).isLessThan(0.9);
    }

    @Test
    void whatIsAskedFirstMustBeInTheAnsweringUnit() {
        QuestionFocus focus = QuestionFocus.of("Bis wann muss ich einen neuen Hund bei der Gemeinde anmelden?");
        assertThat(focus.attributes()).startsWith(Attribute.DATE);
        assertThat(focus.topic()).containsKey(GermanText.term("anmelden")); // the act asked about is content too
        String bylaw = "Wer einen Hund hält, hat dies innerhalb eines Monats der Gemeinde schriftlich anzuzeigen. "
                + "Von Hundezüchtern wird die Steuer auf Antrag für die Hunde nach § 5 erhoben, wenn die Gemeinde zustimmt.";
        Relevance relevance = Relevance.of(focus, List.of(bylaw));
        List<TextUnit> units = TextUnits.of(bylaw);
        assertThat(relevance.judge(units.get(0), "Hundesteuersatzung").answers()).isTrue();
        // a procedure word ("Antrag") does not answer "bis wann", and "innerhalb der Ortslage" is no deadline
        assertThat(relevance.judge(units.get(1), "Hundesteuersatzung").answers()).isFalse();
        assertThat(Attribute.DATE.evidencedBy("innerhalb der geschlossenen Ortslage zu räumen")).isFalse();
        assertThat(Attribute.DATE.evidencedBy("innerhalb von zwei Wochen anzuzeigen")).isTrue();
        // ordinals and years are no counts
        assertThat(Attribute.COUNT.evidencedBy("nach dem SGB XII (5. bis 9. Kapitel) seit 2020")).isFalse();
        assertThat(Attribute.COUNT.evidencedBy("Es gibt 17 Ziele")).isTrue();
        // a source is an office, not a law named after one
        assertThat(Attribute.SOURCE.evidencedBy("durch die Ordnungs- und Polizeigesetze verpflichtet")).isFalse();
        assertThat(Attribute.SOURCE.evidencedBy("Polizeipräsidium Oberbayern Nord")).isTrue();
    }

    @Test
    void pointersAndRowsKeyedForSomethingElseAnswerNothing() {
        QuestionFocus when = QuestionFocus.of("Wann ist die nächste Kommunalwahl?");
        String page = "Wahlbeteiligung\nDatenquellen | Ergebnisse Kommunalwahlen seit 1978\nPeriodizität | Nächste Kommunalwahl 2026";
        Relevance relevance = Relevance.of(when, List.of(page));
        List<TextUnit> units = TextUnits.of(page);
        TextUnit sources = units.stream().filter(u -> "Datenquellen".equals(u.key())).findFirst().orElseThrow();
        TextUnit period = units.stream().filter(u -> "Periodizität".equals(u.key())).findFirst().orElseThrow();
        assertThat(relevance.judge(sources, "Wahlen").answers()).as("a source row tells no date").isFalse();
        assertThat(relevance.judge(period, "Wahlen").answers()).as("a frequency row may tell when").isTrue();

        QuestionFocus source = QuestionFocus.of("Woher stammen die Daten zur Wohnungslosigkeit?");
        String pointer = "Weitere Informationen unter Amt für Soziales - Wohnungslosigkeit";
        assertThat(Relevance.of(source, List.of(pointer)).passageAnswers(pointer, "Wohnungslosigkeit")).isFalse();
    }
}
