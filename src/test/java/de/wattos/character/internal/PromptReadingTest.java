package de.wattos.character.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The offline German reading of character prompts, over prompts written the many ways people write them. */
class PromptReadingTest {

    @Test
    void readsTheIssuesExample() {
        PromptReading.Read r = PromptReading.read(
                "Freundliche Assistentin Lena der Gemeinde Bad Boll, siezt, hilft bei Abfall und Steuern, keine Rechtsberatung");
        assertThat(r.name()).isEqualTo("Lena");
        assertThat(r.role()).isEqualTo("Assistentin");
        assertThat(r.organisation()).isEqualTo("Gemeinde Bad Boll");
        assertThat(r.organisationType()).isEqualTo("Gemeinde");
        assertThat(r.tone()).isEqualTo(Tone.FRIENDLY);
        assertThat(r.address()).isEqualTo(Address.SIE);
        assertThat(r.topics()).containsExactly("Abfall", "Steuern");
        assertThat(r.refusedTopics()).containsExactly("Rechtsberatung");
    }

    @Test
    void readsANameGivenWithNamensAndADuForm() {
        PromptReading.Read r = PromptReading.read(
                "Ein lockerer digitaler Lotse namens Max für die Stadt Neu-Ulm. Er duzt die Leute und beantwortet Fragen "
                        + "zu Kita, Schule und Freizeit. Keine Auskünfte zu laufenden Verfahren.");
        assertThat(r.name()).isEqualTo("Max");
        assertThat(r.role()).isEqualTo("digitaler Lotse");
        assertThat(r.organisation()).isEqualTo("Stadt Neu-Ulm");
        assertThat(r.address()).isEqualTo(Address.DU);
        assertThat(r.tone()).isEqualTo(Tone.FRIENDLY);
        assertThat(r.topics()).containsExactly("Kita", "Schule", "Freizeit");
        assertThat(r.refusedTopics()).containsExactly("Auskünfte zu laufenden Verfahren");
    }

    @Test
    void readsALandkreisWithContactLanguagesAndHyphenatedRefusals() {
        PromptReading.Read r = PromptReading.read(
                "Sachlicher Bürgerberater des Landratsamts Göppingen, spricht Deutsch und Englisch, per Sie, "
                        + "zuständig für Kfz-Zulassung, Führerschein sowie Ausländerbehörde; keine Rechts- oder Steuerberatung. "
                        + "Kontakt: buergerbuero@lkgp.de, Telefon 07161 202-0, Mo–Fr 8–12 Uhr.");
        assertThat(r.role()).isEqualTo("Bürgerberater");
        assertThat(r.name()).isNull();
        assertThat(r.organisation()).isEqualTo("Landratsamt Göppingen");
        assertThat(r.organisationType()).isEqualTo("Landkreis");
        assertThat(r.tone()).isEqualTo(Tone.FORMAL);
        assertThat(r.address()).isEqualTo(Address.SIE);
        assertThat(r.languages()).containsExactly("de", "en");
        assertThat(r.topics()).containsExactly("Kfz-Zulassung", "Führerschein", "Ausländerbehörde");
        assertThat(r.refusedTopics()).containsExactly("Rechtsberatung", "Steuerberatung");
        assertThat(r.contact().email()).isEqualTo("buergerbuero@lkgp.de");
        assertThat(r.contact().phone()).startsWith("07161 202");
        assertThat(r.contact().hours()).startsWith("Mo–Fr 8–12");
    }

    @Test
    void readsPlainLanguageAudienceAndEscalation() {
        PromptReading.Read r = PromptReading.read(
                "Chatbot Frieda vom Markt Holzkirchen für Seniorinnen und Senioren, antwortet in einfacher Sprache und kurz, "
                        + "verweist bei Pflegefragen an den Pflegestützpunkt.");
        assertThat(r.name()).isEqualTo("Frieda");
        assertThat(r.role()).isEqualTo("Chatbot");
        assertThat(r.organisation()).isEqualTo("Markt Holzkirchen");
        assertThat(r.tone()).isEqualTo(Tone.PLAIN);
        assertThat(r.audience()).isEqualTo("Seniorinnen und Senioren");
        assertThat(r.escalation()).contains("Pflegestützpunkt");
        assertThat(r.rules()).anyMatch(rule -> rule.contains("einfacher Sprache"));
    }

    @Test
    void leavesUnsaidFieldsEmpty() {
        PromptReading.Read r = PromptReading.read("Ein Assistent, der hilft.");
        assertThat(r.name()).isNull();
        assertThat(r.organisation()).isNull();
        assertThat(r.tone()).isNull();
        assertThat(r.address()).isNull();
        assertThat(r.topics()).isEmpty();
        assertThat(r.refusedTopics()).isEmpty();
        assertThat(r.contact()).isNull();
    }

    @Test
    void readsACompanyAndAQuotedGreeting() {
        PromptReading.Read r = PromptReading.read(
                "Hanna, die herzliche Kundenberaterin der Stadtwerke Tübingen GmbH. Begrüßt mit „Hallo, schön dass du da bist!“, "
                        + "duzt, hilft bei Strom, Gas und Fernwärme, nie Preise für Gewerbekunden.");
        assertThat(r.name()).isEqualTo("Hanna");
        assertThat(r.role()).isEqualTo("Kundenberaterin");
        assertThat(r.organisationType()).isEqualTo("Unternehmen");
        assertThat(r.organisation()).startsWith("Stadtwerke Tübingen");
        assertThat(r.greeting()).isEqualTo("Hallo, schön dass du da bist!");
        assertThat(r.address()).isEqualTo(Address.DU);
        assertThat(r.topics()).containsExactly("Strom", "Gas", "Fernwärme");
        assertThat(r.refusedTopics()).containsExactly("Preise für Gewerbekunden");
    }
}
