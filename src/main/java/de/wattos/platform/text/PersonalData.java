package de.wattos.platform.text;

import java.util.List;
import java.util.function.BiFunction;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds German personal data (e-mail, birth date, ID and passport numbers, IBAN, card, Steuer-ID, SV-Nummer, phone)
 * and replaces it, e.g. with the placeholders of the model gateway. Order matters: the more
 * specific kinds (IBAN, card, Steuer-ID, SV-Nummer) run before the telephone pattern, which would otherwise
 * swallow long digit runs; they never start right after a "+" (an international phone number). Numbers with a
 * check digit are only masked when the check digit is right, which keeps
 * order numbers, amounts and file numbers readable for the model.
 */
public final class PersonalData {

    private PersonalData() {
    }

    private record Rule(String type, Pattern pattern, int group, Predicate<String> valid) {
    }

    private static final String MONTHS = "Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember";
    private static final String DOC_NUMBER = "([CFGHJKLMNPRTVWXYZ0-9]{9}[0-9]?)(?![A-Za-z0-9])";

    private static final List<Rule> RULES = List.of(
            new Rule("EMAIL", Pattern.compile("(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
                    0, s -> true),
            new Rule("GEBURTSDATUM", Pattern.compile("(?i)(?:geboren\\s+am|geboren|geb\\.|geburtsdatum|geburtstag)\\s*[:,]?\\s*(?:den\\s+|am\\s+)?"
                    + "(\\d{1,2}\\.\\s?\\d{1,2}\\.\\s?(?:19|20)?\\d{2}|\\d{1,2}\\.\\s?(?:" + MONTHS + ")\\s+\\d{4}|(?:19|20)\\d{2}-\\d{2}-\\d{2})"),
                    1, s -> true),
            new Rule("AUSWEIS", Pattern.compile("(?i)(?:personalausweis|ausweis|perso)(?:nummer|-?nr\\.?|-?no\\.?)?"
                    + "(?:\\s*(?:[:,-]|ist|lautet|hat|die|nummer|mit|der|nr\\.?)){0,4}\\s*(?-i)" + DOC_NUMBER),
                    1, PersonalData::hasDigit),
            new Rule("PASS", Pattern.compile("(?i)(?:reisepass|pass)(?:nummer|-?nr\\.?|-?no\\.?)?"
                    + "(?:\\s*(?:[:,-]|ist|lautet|hat|die|nummer|mit|der|nr\\.?)){0,4}\\s*(?-i)" + DOC_NUMBER),
                    1, PersonalData::hasDigit),
            new Rule("IBAN", Pattern.compile("(?i)(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])"),
                    0, PersonalData::validIban),
            new Rule("KARTE", Pattern.compile("(?<![\\d\\w+])[2-6]\\d{3}(?:[ -]?\\d){9,15}(?![\\d\\w])"), 0, PersonalData::luhn),
            new Rule("SV_NUMMER", Pattern.compile("(?<![\\w+])\\d{2}[ ]?\\d{6}[ ]?[A-Za-z][ ]?\\d{3}(?![\\w])"), 0,
                    PersonalData::validSvNummer),
            new Rule("STEUER_ID", Pattern.compile("(?<![\\d\\w+])[1-9]\\d(?:[ ]?\\d{3}){3}(?![\\d\\w])"), 0,
                    PersonalData::validSteuerId),
            new Rule("TELEFON", Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}|00\\d{2}|0)[ ]?(?:\\(0\\)[ ]?)?\\(?\\d{1,5}\\)?"
                    + "(?:[ /–-]{0,3}\\d{1,8}){1,5}(?![\\d\\w])"), 0, PersonalData::plausiblePhone));

    /**
     * Replaces every personal datum by what {@code placeholder} makes of its type ({@code EMAIL}, {@code IBAN},
     * {@code TELEFON} …) and value.
     */
    public static String mask(String text, BiFunction<String, String, String> placeholder) {
        String current = text;
        for (Rule rule : RULES) {
            current = apply(rule, current, placeholder);
        }
        return current;
    }

    private static final String CUT = "\u0000";
    /** "meine E-Mail ist …", "und meine IBAN: …", "my phone number is …": the words that only introduce the datum. */
    private static final Pattern INTRODUCED = Pattern.compile("(?iu)(?:\\b(?:und|and)\\s+)?\\b(?:meine?|unsere?|my|our)\\s+"
            + "[\\p{L}-]+(?:\\s+(?:nummer|number|adresse|address))?\\s*(?:ist|lautet|is|:)?\\s*" + CUT);

    /**
     * The text with personal data cut out, together with the words that merely introduce it ("meine E-Mail ist"):
     * what is left is what the person asks about.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = mask(text, (type, value) -> CUT);
        if (!masked.contains(CUT)) {
            return text;
        }
        masked = INTRODUCED.matcher(masked).replaceAll(" ");
        return masked.replace(CUT, " ").replaceAll("\\s+([.,;:!?])", "$1").replaceAll("[ \\t]{2,}", " ").strip();
    }

    private static String apply(Rule rule, String text, BiFunction<String, String, String> placeholder) {
        Matcher m = rule.pattern().matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            int start = m.start(rule.group());
            int end = m.end(rule.group());
            String value = text.substring(start, end);
            if (rule.type().equals("IBAN")) {
                end = start + ibanLength(value);
                if (end == start) {
                    continue;
                }
                value = text.substring(start, end);
            } else if (!rule.valid().test(value)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, start).append(placeholder.apply(rule.type(), value));
            last = end;
        }
        if (out == null) {
            return text;
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private static boolean hasDigit(String s) {
        return s.chars().anyMatch(Character::isDigit);
    }

    private static String digits(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Length (in the original text) of the longest valid IBAN at the start of {@code value}; 0 if none. */
    private static int ibanLength(String value) {
        StringBuilder compact = new StringBuilder();
        int[] position = new int[value.length()];
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ') {
                position[compact.length()] = i;
                compact.append(Character.toUpperCase(c));
            }
        }
        for (int len = Math.min(34, compact.length()); len >= 15; len--) {
            if (validIban(compact.substring(0, len))) {
                return position[len - 1] + 1;
            }
        }
        return 0;
    }

    static boolean validIban(String value) {
        String iban = value.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34 || !iban.matches("[A-Z]{2}\\d{2}[A-Z0-9]+")) {
            return false;
        }
        if (iban.startsWith("DE") && iban.length() != 22) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int mod = 0;
        for (char c : rearranged.toCharArray()) {
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
        }
        return mod == 1;
    }

    static boolean luhn(String value) {
        String d = digits(value);
        if (d.length() < 13 || d.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = d.length() - 1; i >= 0; i--) {
            int n = d.charAt(i) - '0';
            if (twice) {
                n *= 2;
                if (n > 9) {
                    n -= 9;
                }
            }
            sum += n;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Steuerliche Identifikationsnummer: 11 digits, no leading 0, one digit repeated 2-3 times, ISO 7064 MOD 11,10. */
    static boolean validSteuerId(String value) {
        String d = digits(value);
        if (d.length() != 11 || d.charAt(0) == '0') {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[d.charAt(i) - '0']++;
        }
        int repeated = 0;
        for (int c : counts) {
            if (c > 3) {
                return false;
            }
            if (c >= 2) {
                repeated++;
            }
        }
        if (repeated != 1) {
            return false;
        }
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (d.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        if (check == 10) {
            check = 0;
        }
        return check == d.charAt(10) - '0';
    }

    /**
     * Sozialversicherungsnummer: area (2), birth date DDMMYY (6), initial letter, serial (2), check digit; the
     * letter counts as its two-digit alphabet position, weights 2,1,2,5,7,1,2,1,2,1,2,1, digit sums, mod 10.
     */
    static boolean validSvNummer(String value) {
        String v = value.replace(" ", "").toUpperCase(Locale.ROOT);
        if (!v.matches("\\d{8}[A-Z]\\d{3}")) {
            return false;
        }
        int day = Integer.parseInt(v.substring(2, 4));
        int month = Integer.parseInt(v.substring(4, 6));
        if (day % 50 < 1 || day % 50 > 31 || month < 1 || month > 12) {
            return false;
        }
        int letter = v.charAt(8) - 'A' + 1;
        String digits = v.substring(0, 8) + String.format("%02d", letter) + v.substring(9, 11);
        int[] weights = {2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1};
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int p = (digits.charAt(i) - '0') * weights[i];
            sum += p / 10 + p % 10;
        }
        return sum % 10 == v.charAt(11) - '0';
    }

    /** A telephone number: 7 to 15 digits; national numbers start with 0 and a non-zero area code digit. */
    private static boolean plausiblePhone(String value) {
        String d = digits(value);
        if (d.length() < 7 || d.length() > 15) {
            return false;
        }
        String trimmed = value.strip();
        if (trimmed.startsWith("0") && !trimmed.startsWith("00")) {
            return d.charAt(1) != '0';
        }
        return true;
    }
}
