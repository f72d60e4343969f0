package de.wattos.character.internal;

import de.wattos.knowledge.KnowledgeContent.ContentChunk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives a {@link TenantProfile} from a tenant's indexed chunks. The organisation and its contact are read
 * where sites state them (Impressum, Kontakt, Herausgeber …), weighted above mentions elsewhere; main topics
 * are the most widespread analysed terms that are not boilerplate (on nearly every page).
 */
final class ProfileDerivation {

    private static final Pattern LEGAL_PAGE = Pattern.compile("(?iu)impressum|kontakt|contact|imprint|herausgeber|über uns|about");
    private static final Pattern ORGANISATION = Pattern.compile(
            "(?u)\\b(Stadt|Gemeinde|Landkreis|Landratsamt|Markt|Marktgemeinde|Verbandsgemeinde|Samtgemeinde|Kreisstadt|"
                    + "Große Kreisstadt|Bezirk|Stadtverwaltung|Gemeindeverwaltung)\\s+((?:Bad\\s+|St\\.\\s+|Sankt\\s+)?\\p{Lu}[\\p{L}-]+"
                    + "(?:\\s+(?:an der|am|im|in der|ob der|vor der)\\s+\\p{Lu}[\\p{L}-]+)?)");
    private static final Pattern PUBLISHER = Pattern.compile(
            "(?iu)(?:herausgeber(?:in)?(?:\\s+dieser\\s+\\p{L}+)?\\s*(?:ist|:)\\s*(?:die|der|das)?\\s*|anbieter(?:in)?\\s*:\\s*)"
                    + "((?:Stadt|Gemeinde|Landkreis|Landratsamt|Markt|Bezirk)\\s+\\p{Lu}[\\p{L}-]+(?:\\s+\\p{Lu}[\\p{L}-]+)?)");
    private static final Pattern EMAIL = Pattern.compile("(?iu)\\b[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.[a-z]{2,}\\b");
    private static final Pattern PHONE = Pattern.compile(
            "(?iu)\\b(?:telefon|tel\\.?|fon)\\s*:?\\s*((?:\\+\\s?49|0)[\\s\\d/()\\-–]{5,}\\d)");
    private static final Pattern ADDRESS = Pattern.compile(
            "(?u)(\\p{Lu}[\\p{L}.-]*(?:straße|str\\.|platz|weg|gasse|allee|ring|markt|damm)\\s+\\d+[a-z]?)\\s*,?\\s*(\\d{5})\\s+(\\p{Lu}[\\p{L}-]+)");
    private static final Pattern HOURS = Pattern.compile(
            "(?iu)(?:öffnungszeiten|sprechzeiten|servicezeiten)\\s*:?\\s*((?:mo|di|mi|do|fr)[^\\n]{5,80}?uhr)");
    private static final Pattern STATE = Pattern.compile(
            "(?u)\\b(Baden-Württemberg|Bayern|Berlin|Brandenburg|Bremen|Hamburg|Hessen|Mecklenburg-Vorpommern|Niedersachsen|"
                    + "Nordrhein-Westfalen|Rheinland-Pfalz|Saarland|Sachsen-Anhalt|Sachsen|Schleswig-Holstein|Thüringen)\\b");
    private static final Pattern WORD = Pattern.compile("(?u)\\b\\p{Lu}[\\p{L}]{3,}\\b");
    private static final Set<String> ENGLISH = Set.of("the", "and", "of", "to", "is", "for", "with", "this", "are");
    private static final Set<String> GENERIC = Set.of("seite", "webseite", "website", "inhalt", "startseite", "jahr",
            "daten", "datum", "informationen", "information", "link", "download", "hinweis", "mehr", "bitte", "zahl",
            "anteil", "indikator", "quelle", "stand", "tabelle", "grafik", "menü", "suche", "kontakt", "impressum", "cookie",
            "anzahl", "format", "statistik", "speichern", "headline", "abdeckung", "geographisch", "einheit", "wert",
            "diagramm", "karte", "zeitreihe", "prozent", "ziel", "ziele", "stadt", "gemeinde");

    private ProfileDerivation() {
    }

    static TenantProfile derive(List<ContentChunk> chunks, Function<String, List<String>> analyse) {
        Map<String, Integer> organisations = new HashMap<>();
        Map<String, Integer> states = new HashMap<>();
        Map<String, Integer> emails = new LinkedHashMap<>();
        Map<String, Integer> phones = new LinkedHashMap<>();
        String address = null;
        String hours = null;
        String contactUrl = null;
        String region = null;
        Set<String> evidence = new java.util.LinkedHashSet<>();
        Map<UUID, StringBuilder> documents = new LinkedHashMap<>();
        Map<UUID, ContentChunk> firstChunk = new HashMap<>();
        for (ContentChunk c : chunks) {
            documents.computeIfAbsent(c.documentId(), k -> new StringBuilder()).append(c.text()).append('\n');
            firstChunk.putIfAbsent(c.documentId(), c);
        }
        for (Map.Entry<UUID, StringBuilder> doc : documents.entrySet()) {
            ContentChunk head = firstChunk.get(doc.getKey());
            String text = doc.getValue().toString();
            boolean legal = LEGAL_PAGE.matcher(String.valueOf(head.title()) + " " + String.valueOf(head.url())).find();
            int weight = legal ? 10 : 1;
            Matcher publisher = PUBLISHER.matcher(text);
            while (publisher.find()) {
                organisations.merge(normaliseOrganisation(publisher.group(1)), 50, Integer::sum);
                evidence.add(head.url() == null ? head.title() : head.url());
            }
            Matcher org = ORGANISATION.matcher(text);
            while (org.find()) {
                organisations.merge(normaliseOrganisation(org.group(1) + " " + org.group(2)), weight, Integer::sum);
            }
            Matcher state = STATE.matcher(text);
            while (state.find()) {
                states.merge(state.group(1), 1, Integer::sum);
            }
            if (legal) {
                boolean found = false;
                Matcher email = EMAIL.matcher(text);
                while (email.find()) {
                    String e = email.group().toLowerCase(Locale.ROOT);
                    // the data protection officer is not the citizen's contact
                    emails.merge(e, e.startsWith("datenschutz") || e.startsWith("privacy") ? 1 : 10, Integer::sum);
                    found = true;
                }
                Matcher phone = PHONE.matcher(text);
                while (phone.find()) {
                    phones.merge(phone.group(1).replaceAll("\\s+", " ").strip(), 1, Integer::sum);
                    found = true;
                }
                Matcher a = ADDRESS.matcher(text);
                if (address == null && a.find()) {
                    address = a.group(1) + ", " + a.group(2) + " " + a.group(3);
                    region = a.group(3);
                }
                Matcher h = HOURS.matcher(text);
                if (hours == null && h.find()) {
                    hours = h.group(1).strip();
                }
                if (found) {
                    evidence.add(head.url() == null ? head.title() : head.url());
                    if (contactUrl == null && head.url() != null
                            && head.url().toLowerCase(Locale.ROOT).matches(".*(kontakt|contact).*")) {
                        contactUrl = head.url();
                    }
                }
            } else {
                Matcher email = EMAIL.matcher(text);
                while (email.find()) {
                    emails.merge(email.group().toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            }
        }
        String organisation = best(organisations);
        String type = organisation == null ? null : typeOf(organisation);
        if (region == null && organisation != null) {
            region = organisation.substring(organisation.indexOf(' ') + 1);
        }
        String state = best(states);
        if (state != null && region != null && !region.contains(state)) {
            region = region + ", " + state;
        }
        TenantProfile.Contact contact = new TenantProfile.Contact(best(emails), best(phones), contactUrl, address, hours);
        return new TenantProfile(organisation, type, region, contact, mainTopics(documents, analyse, organisation),
                languages(documents, firstChunk), List.copyOf(evidence).subList(0, Math.min(5, evidence.size())),
                ProfileSource.DERIVED, Instant.now());
    }

    private static String normaliseOrganisation(String raw) {
        String s = raw.replaceAll("\\s+", " ").strip();
        if (s.startsWith("Landratsamt ")) {
            return "Landkreis " + s.substring("Landratsamt ".length());
        }
        if (s.startsWith("Stadtverwaltung ")) {
            return "Stadt " + s.substring("Stadtverwaltung ".length());
        }
        if (s.startsWith("Gemeindeverwaltung ")) {
            return "Gemeinde " + s.substring("Gemeindeverwaltung ".length());
        }
        return s;
    }

    static String typeOf(String organisation) {
        String first = organisation.split(" ")[0].toLowerCase(Locale.GERMAN);
        return switch (first) {
            case "stadt", "kreisstadt", "große" -> "Stadt";
            case "landkreis" -> "Landkreis";
            case "bezirk" -> "Bezirk";
            default -> "Gemeinde";
        };
    }

    /** Terms on many pages but not on nearly all of them (navigation), shown as the most frequent surface word. */
    private static List<String> mainTopics(Map<UUID, StringBuilder> documents, Function<String, List<String>> analyse,
            String organisation) {
        Set<String> own = new HashSet<>();
        if (organisation != null) {
            for (String w : organisation.split("\\s+")) {
                own.addAll(analyse.apply(w));
            }
        }
        Map<String, Integer> docFreq = new HashMap<>();
        Map<String, Map<String, Integer>> surfaces = new HashMap<>();
        Map<String, String> stemCache = new HashMap<>();
        for (StringBuilder doc : documents.values()) {
            Set<String> seen = new HashSet<>();
            Matcher m = WORD.matcher(doc);
            while (m.find()) {
                String word = m.group();
                String stem = stemCache.computeIfAbsent(word, w -> {
                    List<String> terms = analyse.apply(w);
                    return terms.size() == 1 ? terms.getFirst() : "";
                });
                if (stem.length() < 4 || GENERIC.contains(stem) || own.stream().anyMatch(stem::startsWith)) {
                    continue;
                }
                surfaces.computeIfAbsent(stem, k -> new HashMap<>()).merge(word, 1, Integer::sum);
                if (seen.add(stem)) {
                    docFreq.merge(stem, 1, Integer::sum);
                }
            }
        }
        int n = documents.size();
        // on most pages = navigation and templates, not a topic
        int ceiling = Math.max(2, (int) Math.ceil(n * 0.35));
        return docFreq.entrySet().stream()
                .filter(e -> n < 3 || (e.getValue() >= 2 && e.getValue() <= ceiling))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .map(e -> best(surfaces.get(e.getKey())))
                .toList();
    }

    private static List<String> languages(Map<UUID, StringBuilder> documents, Map<UUID, ContentChunk> heads) {
        List<String> out = new ArrayList<>(List.of("de"));
        int english = 0;
        boolean leichteSprache = false;
        for (Map.Entry<UUID, StringBuilder> doc : documents.entrySet()) {
            String[] words = doc.getValue().toString().toLowerCase(Locale.ROOT).split("\\W+");
            long en = java.util.Arrays.stream(words).filter(ENGLISH::contains).count();
            if (words.length > 30 && en > words.length * 0.08) {
                english++;
            }
            ContentChunk head = heads.get(doc.getKey());
            if ((String.valueOf(head.url()) + " " + head.title()).toLowerCase(Locale.ROOT).matches(".*leichte.sprache.*")) {
                leichteSprache = true;
            }
        }
        if (english >= 2 || (english >= 1 && documents.size() < 10)) {
            out.add("en");
        }
        if (leichteSprache) {
            out.add("de-x-leichte-sprache");
        }
        return out;
    }

    private static String best(Map<String, Integer> counts) {
        return counts == null || counts.isEmpty() ? null : counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(null);
    }
}
