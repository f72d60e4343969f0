package de.wattos.llm.internal.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random German messages with personal data of every kind mixed into ordinary text: masking removes every
 * value, and restoring gives back exactly the original. The seed is printed with any failure.
 */
class PiiRoundTripTest {

    private static final String[] FILLER = {"Guten Tag,", "ich habe eine Frage zur Hundesteuer.", "Bitte melden Sie sich",
        "wegen des Termins am 12.03.2025 um 10 Uhr.", "Die Gebühr von 37 Euro habe ich bezahlt.", "Mit freundlichen Grüßen",
        "Rathausplatz 1, 85049 Ingolstadt.", "§ 5 Abs. 2 der Satzung", "Aktenzeichen 2025-001234.", "Danke!"};

    private record Value(String text, String type) {
    }

    private static List<Value> values(Random r) {
        List<Value> v = new ArrayList<>();
        v.add(new Value("user" + r.nextInt(1000) + "@beispiel-" + r.nextInt(100) + ".de", "EMAIL"));
        v.add(new Value("0" + (151 + r.nextInt(30)) + " " + (1000000 + r.nextInt(8999999)), "TELEFON"));
        v.add(new Value("+49 " + (30 + r.nextInt(900)) + " " + (100000 + r.nextInt(899999)), "TELEFON"));
        v.add(new Value(iban(r), "IBAN"));
        v.add(new Value(card(r), "KARTE"));
        v.add(new Value("86 095 742 719", "STEUER_ID"));
        v.add(new Value("15 070649 C 103", "SV_NUMMER"));
        return v;
    }

    /** A valid German IBAN for a random account (check digits computed). */
    static String iban(Random r) {
        String bban = String.format("%08d%010d", 10000000 + r.nextInt(89999999), Math.abs(r.nextLong() % 10_000_000_000L));
        String numeric = bban + "1314" + "00"; // D=13, E=14
        int mod = 0;
        for (char c : numeric.toCharArray()) {
            mod = (mod * 10 + (c - '0')) % 97;
        }
        String check = String.format("%02d", 98 - mod);
        String compact = "DE" + check + bban;
        StringBuilder spaced = new StringBuilder();
        for (int i = 0; i < compact.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                spaced.append(' ');
            }
            spaced.append(compact.charAt(i));
        }
        return r.nextBoolean() ? spaced.toString() : compact;
    }

    /** A Luhn-valid 16-digit Visa-like number. */
    static String card(Random r) {
        int[] d = new int[16];
        d[0] = 4;
        for (int i = 1; i < 15; i++) {
            d[i] = r.nextInt(10);
        }
        int sum = 0;
        for (int i = 14; i >= 0; i--) {
            int n = d[i];
            if ((14 - i) % 2 == 0) {
                n *= 2;
                if (n > 9) {
                    n -= 9;
                }
            }
            sum += n;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                s.append(' ');
            }
            s.append(d[i]);
        }
        return s.toString();
    }

    @Test
    void maskingRemovesEveryValueAndRestoringGivesBackTheOriginal() {
        long seed = Long.getLong("tests.seed", System.nanoTime()); // reproduce: -Dtests.seed=<seed>
        Random r = new Random(seed);
        PiiShield shield = new PiiShield();
        for (int round = 0, rounds = Integer.getInteger("tests.rounds", 300); round < rounds; round++) {
            List<Value> values = values(r);
            StringBuilder text = new StringBuilder();
            List<Value> used = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                text.append(FILLER[r.nextInt(FILLER.length)]).append(' ');
                if (r.nextInt(3) > 0) {
                    Value v = values.get(r.nextInt(values.size()));
                    used.add(v);
                    text.append(v.text()).append(r.nextBoolean() ? ". " : ", ");
                }
            }
            String original = text.toString();
            PiiVault vault = new PiiVault();
            String masked = shield.mask(original, vault);
            for (Value v : used) {
                assertThat(masked).as("seed %d: %s leaked in %s", seed, v.type(), masked).doesNotContain(v.text());
                assertThat(masked).as("seed %d", seed).contains("[" + v.type() + "_");
            }
            assertThat(vault.size()).as("seed %d: only the values are masked, nothing of the ordinary text: %s", seed, masked)
                    .isEqualTo((int) used.stream().map(Value::text).distinct().count());
            assertThat(vault.restore(masked)).as("seed %d", seed).isEqualTo(original);
        }
    }
}
