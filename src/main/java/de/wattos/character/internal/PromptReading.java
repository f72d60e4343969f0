package de.wattos.character.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic German reading of a character prompt such as "Freundliche Assistentin Lena der Gemeinde Bad
 * Boll, siezt, hilft bei Abfall und Steuern, keine Rechtsberatung": takes what the sentence says and leaves
 * every other field null, so the caller can fill it from the tenant profile or defaults and say so.
 *
 * <p>The prompt is cut into clauses (comma, semicolon, full stop); each clause is recognised by its cue words
 * (siezt, hilft bei, keine …, für …). Topic lists may run over several clauses ("hilft bei Abfall, Steuern und
 * Parken"), so a clause without cue words continues the list the previous clause started.
 */
public final class PromptReading {

    /** What the prompt said; null or empty where it said nothing. */
    public record Read(String name, String role, String organisation, String organisationType, String audience,
            Tone tone, Address address, List<String> languages, List<String> traits, List<String> rules,
            List<String> topics, List<String> refusedTopics, String greeting, CharacterSpec.Contact contact,
            String escalation, CharacterSpec.Voice voice) {
    }

    static final Map<String, String> ORGANISATION_TYPES = Map.ofEntries(
            Map.entry("gemeinde", "Gemeinde"), Map.entry("stadt", "Stadt"), Map.entry("landkreis", "Landkreis"),
            Map.entry("landratsamt", "Landkreis"), Map.entry("kreis", "Landkreis"), Map.entry("markt", "Gemeinde"),
            Map.entry("marktgemeinde", "Gemeinde"), Map.entry("verbandsgemeinde", "Gemeinde"),
            Map.entry("samtgemeinde", "Gemeinde"), Map.entry("stadtverwaltung", "Stadt"),
            Map.entry("gemeindeverwaltung", "Gemeinde"), Map.entry("kreisverwaltung", "Landkreis"),
            Map.entry("schule", "Schule"), Map.entry("grundschule", "Schule"), Map.entry("gymnasium", "Schule"),
            Map.entry("realschule", "Schule"), Map.entry("gesamtschule", "Schule"), Map.entry("berufsschule", "Schule"),
            Map.entry("hochschule", "Hochschule"), Map.entry("universität", "Hochschule"),
            Map.entry("klinik", "Klinik"), Map.entry("klinikum", "Klinik"), Map.entry("krankenhaus", "Klinik"),
            Map.entry("stadtwerke", "Unternehmen"), Map.entry("firma", "Unternehmen"), Map.entry("behörde", "Behörde"),
            Map.entry("amt", "Behörde"), Map.entry("ministerium", "Behörde"), Map.entry("bezirk", "Bezirk"),
            Map.entry("verein", "Verein"), Map.entry("bibliothek", "Einrichtung"), Map.entry("museum", "Einrichtung"));

    private static final Pattern ROLE_NOUN = Pattern.compile(
            "(?iu)\\b([\\p{L}-]*(?:assistent(?:in)?|berater(?:in)?|lotse|lotsin|helfer(?:in)?|begleiter(?:in)?|"
                    + "ansprechpartner(?:in)?|chatbot|bot|guide|agent(?:in)?|auskunft|service))\\b");
    private static final Pattern NAMED = Pattern.compile(
            "(?iu)\\b(?:namens|heißt|hei(?:ss|ß)en soll|name(?:\\s+ist)?:?|genannt|ich bin)\\s+[„\"']?(\\p{Lu}[\\p{L}-]+)");
    private static final Pattern ORGANISATION = Pattern.compile(
            "(?u)\\b(?:der|des|die|vom|von der|von|im|in der|für die|für den|für das|bei der|beim)\\s+"
                    + "((?:\\p{Lu}[\\p{L}-]*\\s+)?)(Gemeinde|Stadt|Landkreis|Landratsamt|Kreis|Markt|Marktgemeinde|"
                    + "Verbandsgemeinde|Samtgemeinde|Stadtverwaltung|Gemeindeverwaltung|Kreisverwaltung|Schule|"
                    + "Grundschule|Gymnasium|Realschule|Gesamtschule|Berufsschule|Hochschule|Universität|Klinik|Klinikum|"
                    + "Krankenhaus|Stadtwerke|Firma|Behörde|Ministerium|Bezirk|Verein|Bibliothek|Museum|[\\p{Lu}][\\p{L}-]*amt)(?:e?s)?"
                    + "((?:\\s+(?:an der|am|im|in der|ob der|vor der|bei)?\\s*(?:St\\.\\s)?\\p{Lu}[\\p{L}-]*)*)");
    private static final Pattern COMPANY = Pattern.compile(
            "(?u)\\b((?:\\p{Lu}[\\p{L}&.-]*\\s+){1,4}(?:GmbH|AG|KG|eG|e\\.\\s?V\\.|gGmbH|SE))");
    private static final Pattern EMAIL = Pattern.compile("(?iu)[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.[a-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("(?<![\\d])(?:\\+\\s?49|0)[\\s\\d/()\\-–]{5,}\\d");
    private static final Pattern URL = Pattern.compile("(?iu)\\bhttps?://[^\\s,;]+|\\bwww\\.[^\\s,;]+");
    private static final Pattern HOURS = Pattern.compile(
            "(?iu)\\b((?:mo|di|mi|do|fr|sa|so)[a-z]*\\.?\\s*(?:[-–]|bis)\\s*(?:mo|di|mi|do|fr|sa|so)[a-z]*\\.?,?\\s*"
                    + "(?:von\\s*)?\\d{1,2}(?:[:.]\\d{2})?\\s*(?:[-–]|bis)\\s*\\d{1,2}(?:[:.]\\d{2})?\\s*(?:uhr)?)");
    private static final Pattern QUOTED = Pattern.compile("[„\"»]([^“\"«]{3,200})[“\"«]");

    private static final Pattern SIE = Pattern.compile("(?iu)\\b(siezt|siezen|gesiezt|per sie|mit sie|sie-form|förmliche anrede|in der sie-form|höflichkeitsform)\\b");
    private static final Pattern DU = Pattern.compile("(?iu)\\b(duzt|duzen|geduzt|per du|mit du|du-form|in der du-form)\\b");

    private static final Pattern TOPIC_CUE = Pattern.compile(
            "(?iu)^(?:.*?\\b)?(?:hilft(?:\\s+\\p{L}+)?\\s+(?:bei|mit|zu|rund um)|unterstützt(?:\\s+\\p{L}+)?\\s+(?:bei|mit)|"
                    + "berät(?:\\s+\\p{L}+)?\\s+(?:zu|zum|zur|bei|in)|beantwortet\\s+(?:\\p{L}+\\s+)?fragen\\s+(?:zu|zum|zur|rund um|über)|"
                    + "auskunft\\s+(?:zu|zum|zur|über)|zuständig\\s+für|kennt sich\\s+(?:mit|in|bei)|fragen\\s+(?:zu|zum|zur|rund um)|"
                    + "themen:?|spezialisiert auf|informiert\\s+(?:über|zu)|weiß bescheid\\s+(?:über|bei))\\s+(.+)$");
    private static final Pattern REFUSAL_CUE = Pattern.compile(
            "(?iu)^(?:.*?\\b)?(?:keine|kein|keinerlei|niemals|nie|nicht\\s+(?:über|zu|zum|zur)|vermeidet|ohne|verweigert|"
                    + "lehnt)\\s+(.+?)(?:\\s+ab)?$");
    private static final Pattern AUDIENCE = Pattern.compile(
            "(?iu)\\b(?:richtet sich an|für|zielgruppe:?)\\s+((?:alle\\s+|die\\s+|junge\\s+|ältere\\s+)?(?:bürger\\p{L}*|einwohner\\p{L}*|"
                    + "eltern|familien|senior\\p{L}*|unternehm\\p{L}*|betriebe|schüler\\p{L}*|studierende|student\\p{L}*|"
                    + "touristen|gäste|besucher\\p{L}*|patient\\p{L}*|kund\\p{L}*|mitarbeit\\p{L}*|neubürger\\p{L}*|"
                    + "zugezogene|menschen[\\p{L} ]*?)(?:\\s+und\\s+\\p{L}+)?)\\b");
    private static final Pattern ESCALATION = Pattern.compile(
            "(?iu)\\b(?:verweist|leitet|vermittelt|übergibt)\\s+(?:\\p{L}+\\s+){0,3}(?:an|auf|zu|zum|zur)\\s+(.+)$");
    private static final Pattern GREETING = Pattern.compile("(?iu)\\b(?:begrüßt|begrüßung|grüßt)\\b");
    private static final Pattern RULE = Pattern.compile(
            "(?iu)^(?:antwortet|nennt|erklärt|fasst|fragt|gibt|verwendet|nutzt|schreibt|bleibt|weist)\\b.*|.*\\b(?:immer|stets|grundsätzlich)\\b.*");

    private static final Map<String, Tone> TONE_WORDS = Map.ofEntries(
            Map.entry("freundlich", Tone.FRIENDLY), Map.entry("freundliche", Tone.FRIENDLY), Map.entry("freundlicher", Tone.FRIENDLY),
            Map.entry("herzlich", Tone.FRIENDLY), Map.entry("herzliche", Tone.FRIENDLY), Map.entry("locker", Tone.FRIENDLY),
            Map.entry("lockere", Tone.FRIENDLY), Map.entry("lockerer", Tone.FRIENDLY), Map.entry("warm", Tone.FRIENDLY),
            Map.entry("nett", Tone.FRIENDLY), Map.entry("nette", Tone.FRIENDLY), Map.entry("sympathisch", Tone.FRIENDLY),
            Map.entry("humorvoll", Tone.FRIENDLY), Map.entry("fröhlich", Tone.FRIENDLY), Map.entry("fröhliche", Tone.FRIENDLY),
            Map.entry("förmlich", Tone.FORMAL), Map.entry("förmliche", Tone.FORMAL), Map.entry("formell", Tone.FORMAL),
            Map.entry("formelle", Tone.FORMAL), Map.entry("seriös", Tone.FORMAL), Map.entry("seriöse", Tone.FORMAL),
            Map.entry("sachlich", Tone.FORMAL), Map.entry("sachliche", Tone.FORMAL), Map.entry("professionell", Tone.FORMAL),
            Map.entry("professionelle", Tone.FORMAL), Map.entry("amtlich", Tone.FORMAL), Map.entry("korrekt", Tone.FORMAL),
            Map.entry("einfach", Tone.PLAIN), Map.entry("einfache", Tone.PLAIN), Map.entry("klar", Tone.PLAIN),
            Map.entry("klare", Tone.PLAIN), Map.entry("verständlich", Tone.PLAIN), Map.entry("verständliche", Tone.PLAIN),
            Map.entry("knapp", Tone.PLAIN), Map.entry("knappe", Tone.PLAIN), Map.entry("schlicht", Tone.PLAIN),
            Map.entry("nüchtern", Tone.PLAIN));
    private static final Set<String> TRAIT_WORDS = Set.of("geduldig", "hilfsbereit", "humorvoll", "präzise", "kompetent",
            "zuverlässig", "empathisch", "einfühlsam", "neugierig", "ruhig", "geduldige", "hilfsbereite", "kompetente",
            "empathische", "einfühlsame", "ruhige", "zuverlässige", "präziser", "kurz", "knapp", "ausführlich", "höflich",
            "höfliche", "freundlich", "freundliche", "sachlich", "sachliche", "herzlich", "locker", "förmlich", "verständlich");
    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("deutsch", "de"), Map.entry("englisch", "en"), Map.entry("english", "en"), Map.entry("türkisch", "tr"),
            Map.entry("arabisch", "ar"), Map.entry("ukrainisch", "uk"), Map.entry("russisch", "ru"),
            Map.entry("französisch", "fr"), Map.entry("italienisch", "it"), Map.entry("spanisch", "es"),
            Map.entry("polnisch", "pl"), Map.entry("rumänisch", "ro"), Map.entry("kroatisch", "hr"),
            Map.entry("griechisch", "el"), Map.entry("persisch", "fa"), Map.entry("farsi", "fa"));
    private static final Pattern LEICHTE_SPRACHE = Pattern.compile("(?iu)\\bleichte(?:r)? sprache\\b");
    private static final Pattern EINFACHE_SPRACHE = Pattern.compile("(?iu)\\beinfache(?:r)? sprache\\b");
    private static final Set<String> NOT_A_NAME = Set.of("Der", "Die", "Das", "Des", "Dem", "Den", "Für", "Von",
            "Vom", "Im", "Mit", "Bei", "Und", "Oder", "Sie", "Du", "Ich", "Wir", "Gemeinde", "Stadt", "Landkreis");

    private PromptReading() {
    }

    public static Read read(String prompt) {
        String text = prompt.replaceAll("\\s+", " ").strip();
        String lower = text.toLowerCase(Locale.GERMAN);

        Address address = SIE.matcher(lower).find() ? Address.SIE : DU.matcher(lower).find() ? Address.DU : null;
        Tone tone = null;
        List<String> traits = new ArrayList<>();
        for (String word : lower.split("[^\\p{L}-]+")) {
            Tone t = TONE_WORDS.getOrDefault(word, TONE_WORDS.get(word.replaceAll("(er|es|en|em|e)$", "")));
            if (t != null && tone == null) {
                tone = t;
            }
            if (TRAIT_WORDS.contains(word)) {
                String trait = word.replaceAll("(e|er)$", "");
                trait = TRAIT_WORDS.contains(trait) ? trait : word;
                if (!traits.contains(trait)) {
                    traits.add(trait);
                }
            }
        }
        if (LEICHTE_SPRACHE.matcher(lower).find() || EINFACHE_SPRACHE.matcher(lower).find()) {
            tone = tone == null ? Tone.PLAIN : tone;
        }

        String role = null;
        String name = null;
        Matcher roleMatcher = ROLE_NOUN.matcher(text);
        if (roleMatcher.find()) {
            role = roleWithAdjective(text, roleMatcher.start(), roleMatcher.group(1));
            Matcher after = Pattern.compile("^\\s+[„\"']?(\\p{Lu}[\\p{L}-]+)").matcher(text.substring(roleMatcher.end()));
            if (after.find() && !NOT_A_NAME.contains(after.group(1))
                    && !ORGANISATION_TYPES.containsKey(after.group(1).toLowerCase(Locale.GERMAN))) {
                name = after.group(1);
            }
        }
        Matcher named = NAMED.matcher(text);
        if (named.find() && !NOT_A_NAME.contains(named.group(1))) {
            name = named.group(1);
        }
        if (name == null) {
            // "Lena, die freundliche Assistentin …": a capitalised first word followed by a comma and an article
            Matcher leading = Pattern.compile("^(\\p{Lu}[\\p{L}-]+),\\s+(?:die|der|unsere|unser|eine|ein)\\b").matcher(text);
            if (leading.find() && !NOT_A_NAME.contains(leading.group(1))) {
                name = leading.group(1);
            }
        }

        String organisation = null;
        String organisationType = null;
        Matcher org = ORGANISATION.matcher(text);
        while (org.find()) {
            String place = org.group(3).strip();
            String type = org.group(2);
            if (place.isEmpty() && !type.endsWith("amt") && org.group(1).isBlank()) {
                continue;
            }
            organisation = (org.group(1) + type + (place.isEmpty() ? "" : " " + place)).strip();
            organisationType = ORGANISATION_TYPES.getOrDefault(type.toLowerCase(Locale.GERMAN), "Behörde");
            break;
        }
        if (organisation == null) {
            Matcher company = COMPANY.matcher(text);
            if (company.find()) {
                organisation = company.group(1).strip();
                organisationType = "Unternehmen";
            }
        }

        List<String> topics = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        String audience = null;
        String escalation = null;
        String greeting = null;
        boolean listOpen = false;
        List<String> openList = null;
        for (String rawClause : clauses(text)) {
            String clause = rawClause.strip();
            if (clause.equals(SENTENCE_END)) {
                listOpen = false;
                continue;
            }
            if (clause.isEmpty()) {
                continue;
            }
            Matcher refusal = REFUSAL_CUE.matcher(clause);
            Matcher topic = TOPIC_CUE.matcher(clause);
            if (GREETING.matcher(clause).find()) {
                Matcher q = QUOTED.matcher(clause);
                if (q.find()) {
                    greeting = q.group(1).strip();
                }
                listOpen = false;
            } else if (refusal.find() && !clause.toLowerCase(Locale.GERMAN).matches(".*\\b(?:keine\\s+ahnung)\\b.*")) {
                openList = refused;
                addItems(refused, refusal.group(1));
                listOpen = true;
            } else if (topic.find()) {
                openList = topics;
                addItems(topics, topic.group(1));
                listOpen = true;
            } else if (ESCALATION.matcher(clause).find()) {
                Matcher e = ESCALATION.matcher(clause);
                e.find();
                escalation = clause;
                listOpen = false;
            } else if (listOpen && openList != null && looksLikeNounPhrase(clause)) {
                addItems(openList, clause);
            } else {
                listOpen = false;
                if (RULE.matcher(clause).matches() && !SIE.matcher(clause).find() && !DU.matcher(clause).find()) {
                    rules.add(capitalise(clause));
                }
            }
            Matcher a = AUDIENCE.matcher(clause);
            if (audience == null && a.find()) {
                audience = capitalise(a.group(1).strip());
            }
        }

        List<String> languages = new ArrayList<>();
        for (String word : lower.split("[^\\p{L}]+")) {
            String code = LANGUAGES.get(word);
            if (code != null && !languages.contains(code)) {
                languages.add(code);
            }
        }
        if (!languages.isEmpty() && !languages.contains("de")) {
            languages.addFirst("de");
        }
        if (LEICHTE_SPRACHE.matcher(lower).find()) {
            languages.add("de-x-leichte-sprache");
            if (!languages.contains("de")) {
                languages.addFirst("de");
            }
        }

        String email = find(EMAIL, text);
        String phone = find(PHONE, text);
        String url = find(URL, text);
        String hours = find(HOURS, text);
        CharacterSpec.Contact contact = email == null && phone == null && url == null && hours == null ? null
                : new CharacterSpec.Contact(email, phone == null ? null : phone.strip(), url, hours);

        CharacterSpec.Voice voice = null;
        if (lower.matches(".*\\b(weiblich\\p{L}*|männlich\\p{L}*)\\s+stimme\\b.*") || lower.contains("langsam spricht")
                || lower.contains("spricht langsam")) {
            String v = lower.matches(".*\\bmännlich\\p{L}*\\s+stimme\\b.*") ? "de+m3" : "de+f3";
            Double rate = lower.contains("langsam") ? 0.85 : null;
            voice = new CharacterSpec.Voice("espeak-ng", v, rate);
        }
        if (name != null && name.equalsIgnoreCase(organisation)) {
            name = null;
        }
        return new Read(name, role, organisation, organisationType, audience, tone, address, languages, traits, rules,
                distinct(topics), distinct(refused), greeting, contact, escalation, voice);
    }

    /** "Freundliche digitale Assistentin": keeps a non-tone adjective (digitale, virtuelle …) before the noun. */
    private static String roleWithAdjective(String text, int start, String noun) {
        String before = text.substring(0, start).strip();
        String[] words = before.split("\\s+");
        String last = words.length == 0 ? "" : words[words.length - 1];
        String lowerLast = last.toLowerCase(Locale.GERMAN);
        String normalisedNoun = noun.equalsIgnoreCase("bot") || noun.equalsIgnoreCase("chatbot") ? "Chatbot" : capitalise(noun);
        if (lowerLast.matches("(digital|virtuell|persönlich|intelligent|automatisch|smart|online|kommunal)\\p{L}*")) {
            return lowerLast + " " + normalisedNoun;
        }
        return normalisedNoun;
    }

    /** Marks the end of a sentence among the clauses: a list never runs across it. */
    private static final String SENTENCE_END = ".";

    private static List<String> clauses(String text) {
        List<String> out = new ArrayList<>();
        // quoted greetings may contain commas and full stops: keep them whole
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '„' || c == '»' || (c == '"' && !quoted)) {
                quoted = true;
            } else if (c == '“' || c == '«' || (c == '"')) {
                quoted = false;
            }
            boolean sentenceEnd = c == '.' && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))
                    && !(i > 0 && Character.isDigit(text.charAt(i - 1)))
                    && !endsWithAbbreviation(current);
            if (!quoted && (c == ',' || c == ';' || c == '!' || c == '?' || sentenceEnd || c == '\n')) {
                out.add(current.toString());
                current.setLength(0);
                if (c != ',') {
                    out.add(SENTENCE_END);
                }
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    private static boolean endsWithAbbreviation(StringBuilder s) {
        String t = s.toString().toLowerCase(Locale.GERMAN);
        return t.endsWith(" z.b") || t.endsWith(" e") || t.endsWith(" bzw") || t.endsWith(" ca") || t.endsWith(" usw")
                || t.endsWith(" str") || t.endsWith(" d.h") || t.endsWith(" mo") || t.endsWith(" fr") || t.endsWith(" www");
    }

    private static boolean looksLikeNounPhrase(String clause) {
        if (clause.matches(".*[\\d@:].*")) {
            return false;
        }
        String[] words = clause.strip().split("\\s+");
        return words.length <= 4 && Character.isUpperCase(clause.strip().charAt(0))
                || clause.strip().toLowerCase(Locale.GERMAN).startsWith("und ")
                || clause.strip().toLowerCase(Locale.GERMAN).startsWith("sowie ");
    }

    /** Splits "Abfall und Steuern", "Rechts- oder Steuerberatung" into items. */
    private static void addItems(List<String> into, String phrase) {
        String p = phrase.strip().replaceAll("(?iu)^(?:und|sowie|oder)\\s+", "")
                .replaceAll("(?iu)\\s+(?:ab|an|geben|erteilen|leisten|an|machen|an)$", "")
                .replaceAll("(?iu)\\b(?:fragen|themen)\\s+(?:zu|zum|zur|rund um)\\s+", "");
        String[] parts = p.split("(?iu)\\s+(?:und|sowie|oder|&)\\s+|\\s*/\\s*");
        String tail = parts[parts.length - 1].strip();
        for (String part : parts) {
            String item = part.strip().replaceAll("(?iu)^(?:den|die|das|der|dem|allen|alle|allem|rund um|dem thema|themen wie)\\s+", "")
                    .replaceAll("[.:!?\"“”„]+$", "").strip();
            if (item.endsWith("-") && tail.contains(" ") == false) {
                // "Rechts- oder Steuerberatung": the hyphenated word takes the common tail of the last item
                String suffix = commonTail(tail);
                item = item.substring(0, item.length() - 1) + suffix;
            }
            if (item.length() >= 2 && item.length() <= 80) {
                into.add(capitalise(item));
            }
        }
    }

    private static String commonTail(String word) {
        // Steuerberatung -> beratung: the last lower-case run after an upper-case start is the shared part
        for (String tail : List.of("beratung", "auskunft", "fragen", "themen", "recht", "angelegenheiten", "hilfe", "sachen")) {
            if (word.toLowerCase(Locale.GERMAN).endsWith(tail)) {
                return tail;
            }
        }
        return "";
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group().replaceAll("[.)]+$", "").strip() : null;
    }

    private static List<String> distinct(List<String> items) {
        return new ArrayList<>(new LinkedHashSet<>(items));
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
