package de.wattos.llm.internal.pii;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelRequest.ModelMessage.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiShieldTest {

    private final PiiShield shield = new PiiShield();

    private String mask(String text) {
        return shield.mask(text, new PiiVault());
    }

    @Test
    void masksEmailPhoneAndIban() {
        String masked = mask("Ich bin Max, erreichbar unter max.mustermann@example.de oder 0841 305-1234. "
                + "Bitte buchen Sie die Gebühr von DE89 3704 0044 0532 0130 00 ab.");
        assertThat(masked).isEqualTo("Ich bin Max, erreichbar unter [EMAIL_1] oder [TELEFON_1]. "
                + "Bitte buchen Sie die Gebühr von [IBAN_1] ab.");
    }

    @Test
    void masksInternationalAndMobileNumbers() {
        assertThat(mask("Rufen Sie mich an: +49 (0)841 3051234 oder mobil 0151 23456789."))
                .isEqualTo("Rufen Sie mich an: [TELEFON_1] oder mobil [TELEFON_2].");
        assertThat(mask("Tel.: +49 841 305-0")).isEqualTo("Tel.: [TELEFON_1]");
    }

    @Test
    void masksCardNumbersOnlyWithAValidLuhnCheck() {
        assertThat(mask("Meine Karte: 4111 1111 1111 1111, Ablauf 12/27")).isEqualTo("Meine Karte: [KARTE_1], Ablauf 12/27");
        assertThat(mask("Karte 5500-0000-0000-0004")).isEqualTo("Karte [KARTE_1]");
        assertThat(mask("Bestellnummer 4111 1111 1111 1112")).isEqualTo("Bestellnummer 4111 1111 1111 1112");
    }

    @Test
    void masksSteuerIdOnlyWithAValidCheckDigit() {
        assertThat(mask("Meine Steuer-ID ist 86 095 742 719.")).isEqualTo("Meine Steuer-ID ist [STEUER_ID_1].");
        assertThat(mask("IdNr 47036892816")).isEqualTo("IdNr [STEUER_ID_1]");
        assertThat(mask("Aktenzeichen 86095742718")).isEqualTo("Aktenzeichen 86095742718");
    }

    @Test
    void masksSozialversicherungsnummer() {
        assertThat(mask("Meine Rentenversicherungsnummer: 15 070649 C 103")).isEqualTo("Meine Rentenversicherungsnummer: [SV_NUMMER_1]");
        assertThat(mask("SV-Nr. 15070649C103")).isEqualTo("SV-Nr. [SV_NUMMER_1]");
        assertThat(mask("Vorgang 15 070649 C 104")).isEqualTo("Vorgang 15 070649 C 104");
    }

    @Test
    void masksIdCardAndPassportNumbersInContext() {
        assertThat(mask("Meine Personalausweisnummer lautet L01X00T47.")).isEqualTo("Meine Personalausweisnummer lautet [AUSWEIS_1].");
        assertThat(mask("Ausweis-Nr.: T22000129")).isEqualTo("Ausweis-Nr.: [AUSWEIS_1]");
        assertThat(mask("Reisepass Nr. C01X00T47 läuft ab")).isEqualTo("Reisepass Nr. [PASS_1] läuft ab");
        // words after "Pass" are not document numbers
        assertThat(mask("Bitte ein Passfoto mitbringen")).isEqualTo("Bitte ein Passfoto mitbringen");
    }

    @Test
    void masksDatesOfBirthOnlyInContext() {
        assertThat(mask("Ich bin geboren am 12.03.1985 in Ingolstadt.")).isEqualTo("Ich bin geboren am [GEBURTSDATUM_1] in Ingolstadt.");
        assertThat(mask("Anna Muster, geb. 1. April 1990")).isEqualTo("Anna Muster, geb. [GEBURTSDATUM_1]");
        assertThat(mask("Geburtsdatum: 1985-03-12")).isEqualTo("Geburtsdatum: [GEBURTSDATUM_1]");
        assertThat(mask("Der Termin ist am 12.03.2025 um 10 Uhr.")).isEqualTo("Der Termin ist am 12.03.2025 um 10 Uhr.");
    }

    @Test
    void leavesOrdinaryMunicipalTextAlone() {
        String text = "Die Hundesteuer beträgt 96 Euro im Jahr. Das Bürgerbüro, Rathausplatz 1, 85049 Ingolstadt, ist "
                + "montags von 8 bis 12 Uhr geöffnet. Satzung vom 01.01.2020, § 3 Abs. 2. Bearbeitung 2-3 Wochen.";
        assertThat(mask(text)).isEqualTo(text);
    }

    @Test
    void sameValueSamePlaceholderAcrossMessagesAndRestoresTheAnswer() {
        PiiShield.Masked masked = shield.mask(List.of(
                new ModelMessage(Role.SYSTEM, "Quelle [1]: Kontakt buergerbuero@ingolstadt.de"),
                new ModelMessage(Role.USER, "Schreiben Sie an anna@example.org und buergerbuero@ingolstadt.de, "
                        + "IBAN DE89370400440532013000")));
        assertThat(masked.messages().get(0).content()).isEqualTo("Quelle [1]: Kontakt [EMAIL_1]\n\n" + PiiShield.HINT);
        assertThat(masked.messages().get(1).content()).isEqualTo("Schreiben Sie an [EMAIL_2] und [EMAIL_1], IBAN [IBAN_1]");
        assertThat(masked.count()).isEqualTo(3);
        assertThat(masked.restore("Ich schreibe an [EMAIL_2] und [EMAIL_1] [1]; [UNBEKANNT_9] bleibt."))
                .isEqualTo("Ich schreibe an anna@example.org und buergerbuero@ingolstadt.de [1]; [UNBEKANNT_9] bleibt.");
        assertThat(masked.vault().toString()).doesNotContain("anna");
    }

    @Test
    void theHintIsAddedOnlyWhenSomethingWasMasked() {
        assertThat(shield.mask(List.of(new ModelMessage(Role.USER, "Wann öffnet das Rathaus?"))).messages())
                .singleElement().extracting(ModelMessage::content).isEqualTo("Wann öffnet das Rathaus?");
        List<ModelMessage> masked = shield.mask(List.of(new ModelMessage(Role.USER, "Mail: a@b.de"))).messages();
        assertThat(masked).hasSize(2);
        assertThat(masked.getFirst().role()).isEqualTo(Role.SYSTEM);
        assertThat(masked.getFirst().content()).isEqualTo(PiiShield.HINT);
        assertThat(masked.get(1).content()).isEqualTo("Mail: [EMAIL_1]");
    }
}
