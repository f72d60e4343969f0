package de.wattos.analytics.internal;

import java.util.regex.Pattern;

/**
 * Masks personal data citizens typically type into a chat (e-mail addresses, phone numbers, IBANs) for viewers
 * whose role does not allow seeing it. Deliberately eager: a masked date is a smaller harm than a shown number.
 */
public final class PiiMask {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.[\\p{L}]{2,}");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,4})?\\b");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w.,])\\+?\\(?\\d[\\d ()/\\-]{6,}\\d(?![\\w.,]\\d)");

    private PiiMask() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll("[E-Mail]");
        masked = IBAN.matcher(masked).replaceAll("[IBAN]");
        return PHONE.matcher(masked).replaceAll(m -> digits(m.group()) >= 7 ? "[Telefon]" : m.group());
    }

    private static long digits(String s) {
        return s.chars().filter(Character::isDigit).count();
    }
}
