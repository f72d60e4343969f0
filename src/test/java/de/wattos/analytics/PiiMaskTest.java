package de.wattos.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.analytics.internal.PiiMask;
import org.junit.jupiter.api.Test;

/** What the conversation log hides from viewers below tenant admin, and what it leaves readable. */
class PiiMaskTest {

    @Test
    void masksAddressesPhoneNumbersAndIbans() {
        assertThat(PiiMask.mask("Schreiben Sie an jörg.müller@beispiel-gemeinde.de bitte"))
                .isEqualTo("Schreiben Sie an [E-Mail] bitte");
        assertThat(PiiMask.mask("Ruf mich an: 0841 305 1234 oder +49 (841) 305-1234.")).isEqualTo("Ruf mich an: [Telefon] oder [Telefon].");
        assertThat(PiiMask.mask("IBAN DE89 3704 0044 0532 0130 00 bitte")).isEqualTo("IBAN [IBAN] bitte");
    }

    @Test
    void leavesAmountsYearsAndShortNumbersAlone() {
        String text = "Die Hundesteuer beträgt 150,00 € im Jahr 2026 für Hund Nr. 2, Zimmer 1.23.";
        assertThat(PiiMask.mask(text)).isEqualTo(text);
        assertThat(PiiMask.mask(null)).isNull();
    }
}
