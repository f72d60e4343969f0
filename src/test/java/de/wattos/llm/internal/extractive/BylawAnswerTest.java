package de.wattos.llm.internal.extractive;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.llm.ModelRequest.Grounding;
import de.wattos.llm.ModelRequest.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hard case of municipal law: every retrieved passage is about the same topic (dogs, tax), so the topic words
 * do not tell the passages apart, and the question's scaffolding ("Wie hoch …") appears in none of them. The
 * answer must still come from the tax-rate section, with the amount. (A fictional bylaw written for this test.)
 */
class BylawAnswerTest {

    static final List<Passage> BYLAW = List.of(
            new Passage(1, "Hundesteuersatzung Musterdorf", "§ 1 Steuergegenstand",
                    "### § 1 Steuergegenstand\n- (1) Die Gemeinde Musterdorf erhebt eine Hundesteuer nach dieser Satzung.\n"
                            + "- (2) Der Steuer unterliegt das Halten von Hunden im Gemeindegebiet durch natürliche Personen."),
            new Passage(2, "Hundesteuersatzung Musterdorf", "§ 11 Hundesteuermarken",
                    "### § 11 Hundesteuermarken\n- (1) Für jeden Hund, dessen Haltung im Gemeindegebiet angezeigt wurde, "
                            + "wird eine Hundesteuermarke ausgegeben.\n- (2) Der Halter hat die Steuermarke dem Hund anzulegen."),
            new Passage(3, "Hundesteuersatzung Musterdorf", "§ 3 Beginn und Ende der Steuerpflicht",
                    "### § 3 Beginn und Ende der Steuerpflicht\n- (1) Die Steuerpflicht beginnt am ersten Tag des Monats, "
                            + "der auf den Beginn der Hundehaltung folgt.\n- (2) Sie endet mit Ablauf des Monats, in dem die "
                            + "Haltung des Hundes beendet wird."),
            new Passage(4, "Hundesteuersatzung Musterdorf", "§ 5 Steuersatz",
                    "### § 5 Steuersatz\n*(Fassung der Änderungssatzung vom 01.01.2024)*\n- (1) Die Steuer beträgt im "
                            + "Kalenderjahr für jeden Hund 120,00 €. Für einen Kampfhund beträgt sie 720,00 €.\n- (2) Hält "
                            + "jemand mehrere Hunde, erhöht sich der Steuersatz für den zweiten und jeden weiteren Hund auf 240,00 €."),
            new Passage(5, "Hundesteuersatzung Musterdorf", "§ 2 Steuerschuldner",
                    "### § 2 Steuerschuldner\n- (1) Steuerschuldner ist der Halter des Hundes.\n- (2) Halter ist, wer "
                            + "einen Hund in seinen Haushalt aufgenommen hat."),
            new Passage(6, "Hundesteuersatzung Musterdorf", "§ 6 Steuerbefreiungen",
                    "### § 6 Steuerbefreiungen\n- (1) Steuerbefreiung ist auf Antrag zu gewähren für Hunde, die der "
                            + "Hilfe blinder oder gehörloser Menschen dienen."),
            new Passage(7, "Hundesteuersatzung Musterdorf", "§ 4 Erhebungszeitraum",
                    "### § 4 Erhebungszeitraum\n- (1) Die Hundesteuer wird als Jahressteuer erhoben. Erhebungszeitraum "
                            + "ist das Kalenderjahr."),
            new Passage(8, "Hundesteuersatzung Musterdorf", "§ 10 Anzeigepflicht",
                    "### § 10 Anzeigepflicht\n- (1) Wer einen über drei Monate alten Hund hält, hat dies der Gemeinde "
                            + "innerhalb eines Monats anzuzeigen."));

    private final ExtractiveAnswerer answerer = new ExtractiveAnswerer();

    @Test
    void answersTheRateQuestionFromTheRateSectionWithTheAmount() {
        ExtractiveAnswerer.Answer a = answerer.answer(new Grounding("Wie hoch ist die Hundesteuer für den ersten Hund?", BYLAW));
        assertThat(a.noAnswer()).as(a.text()).isFalse();
        assertThat(a.cited()).first().isEqualTo(4);
        assertThat(a.text()).contains("Die Steuer beträgt im Kalenderjahr für jeden Hund 120,00 €.").contains("[4]")
                .doesNotContain("###").doesNotContain("(1)").doesNotContain("*(");
    }

    @Test
    void otherPhrasingsFindTheRateToo() {
        for (String q : List.of("Was kostet ein Hund an Steuer?", "Hundesteuer Höhe", "wieviel hundesteuer zahle ich",
                "Wie viel kostet der zweite Hund?", "Steuersatz für Kampfhunde")) {
            ExtractiveAnswerer.Answer a = answerer.answer(new Grounding(q, BYLAW));
            assertThat(a.noAnswer()).as(q + " -> " + a.text()).isFalse();
            assertThat(a.cited()).as(q + " -> " + a.text()).first().isEqualTo(4);
            assertThat(a.text()).as(q).containsPattern("\\d+,00 €");
        }
    }

    @Test
    void theOrdinalPicksTheSentence() {
        ExtractiveAnswerer.Answer a = answerer.answer(new Grounding("Wie hoch ist die Steuer für den zweiten Hund?", BYLAW));
        assertThat(a.cited()).first().isEqualTo(4);
        assertThat(a.text()).contains("für den zweiten und jeden weiteren Hund auf 240,00 €");
    }

    @Test
    void answersOtherSectionsOfTheSameBylaw() {
        assertThat(answerer.answer(new Grounding("Wann beginnt die Steuerpflicht?", BYLAW)).cited()).first().isEqualTo(3);
        assertThat(answerer.answer(new Grounding("Bekommt ein Blindenhund eine Steuerbefreiung?", BYLAW)).cited())
                .first().isEqualTo(6);
        assertThat(answerer.answer(new Grounding("Wer ist Steuerschuldner?", BYLAW)).cited()).first().isEqualTo(5);
    }

    @Test
    void stillRefusesWhatTheBylawDoesNotCover() {
        assertThat(answerer.answer(new Grounding("Wann wird der Sperrmüll abgeholt?", BYLAW)).noAnswer()).isTrue();
        assertThat(answerer.answer(new Grounding("Wie beantrage ich einen Reisepass?", BYLAW)).noAnswer()).isTrue();
    }
}
