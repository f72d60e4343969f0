package de.wattos.platform.text;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a question asks about its topic. Each attribute knows the words that ask for it (matched on the folded
 * question), the evidence an answer must hold (matched on the folded answer text) and the keys of key–value lines
 * and table rows that hold it ("Datenquellen | …", "Gebühr: …").
 */
public enum Attribute {

    SOURCE("\\bwoher\\b|\\bquelle|datenquelle|herkunft|\\bwer (liefert|erhebt|stellt|erstellt|veroeffentlicht|ermittelt|erfasst)"
            + "|\\bvon wem\\b|\\bsource",
            "quelle|stamm\\w* aus|(erhoben|bereitgestellt|geliefert) (von|durch)|\\w*amt\\b|\\w*aemter\\b|agentur|institut|behoerde|ministerium"
                    + "|verband|verbund|betriebe\\b|\\bpolizei(praesidium|inspektion|direktion)?\\b|\\w*dienst\\b|referat|kaemmerei|\\w*stelle\\b|\\w*zentrum\\b|\\bivd\\b"
                    + "|\\bstatisti",
            "quelle|herkunft|source"),
    AMOUNT("\\bwie (hoch|teuer)\\b|\\bwie ?viel\\b(?!e)|\\bwas kostet|\\bkosten?\\b|\\bkostet\\b"
            + "|gebuehr|\\bhoehe\\b|\\bpreis|\\bbetrag|\\bbeitrag|steuersatz|\\btarif|how much|\\bcosts?\\b|\\bfees?\\b|\\bprice",
            "\\d[\\d.,]*\\s*(€|euro|eur\\b|prozent|%|cent)|€\\s*\\d|\\bkostenlos|\\bkostenfrei|\\bgebuehrenfrei|\\bfree of charge",
            "gebuehr|betrag|preis|kosten|steuersatz|tarif|fee|price"),
    COUNT("\\bwie ?viele\\b|\\banzahl\\b|how many|number of",
            // a number counting something: not an ordinal ("5. Kapitel"), not a year, not part of a code
            "(?<![\\p{L}\\d.:/-])(?!(?:19|20)\\d\\d\\b)\\d+(?:\\.\\d{3})*(?![\\d]|\\.\\d|[\\p{L}:/-]|\\.\\s*\\p{L})|\\b(zwei|drei|vier|fuenf|sechs|sieben|acht|neun|zehn|elf|zwoelf|dreizehn|vierzehn|fuenfzehn|sechzehn|siebzehn)\\b",
            "anzahl|zahl|number"),
    AGE("\\bwie alt\\b|welchem alter|\\bab welchem lebensjahr|\\bhow old|\\bage\\b",
            "lebensjahr|jahre alt|\\balter\\b|\\bvolljaehrig|\\d+ jahre",
            "alter|age"),
    DURATION("\\bwie lange\\b|\\bdauer\\b|\\bfuer wie (viele|lange)\\b|how long",
            "\\b(\\d+|ein\\w*|zwei|drei|vier|fuenf|sechs|sieben|acht|neun|zehn|zwoelf|zwanzig|dreissig|fuenfzehn|fuenfundzwanzig)\\s+"
                    + "(jahr|monat|woche|tag|stunde|minute|year|month|week|day|hour)\\w*|\\bbis\\b.*\\buhr\\b|\\d+\\.\\d\\d uhr",
            "dauer|ruhezeit|nutzungszeit|frist|laufzeit|duration"),
    FREQUENCY("\\bwie oft\\b|\\bwie haeufig\\b|\\bin welchen abstaenden\\b|\\bperiodizitaet\\b|\\brhythmus\\b|\\bturnus\\b|how often",
            "jaehrlich|monatlich|woechentlich|taeglich|\\balle\\s+(\\d+|zwei|drei|vier|fuenf|sechs|zehn)\\b|unregelmaessig|regelmaessig"
                    + "|periodizitaet|turnus|bei bedarf|quartal|annual|monthly|weekly|daily|every",
            "periodizitaet|turnus|rhythmus|haeufigkeit|frequency"),
    MEASURE("\\bwie (breit|gross|weit|tief|schwer)\\b|\\bhow (wide|big|far|large)\\b",
            "\\d[\\d.,]*\\s*(m|meter|metern|cm|km|qm|m²|km²|kg|t|hektar|ha)\\b",
            "breite|groesse|flaeche|hoehe|width|size"),
    UNIT("\\beinheit\\b|\\bgemessen\\b|\\bin welcher (einheit|groesse)|\\bunit\\b|\\bmeasured\\b",
            "prozent|%|euro|€|m²|m2|km²|hektar|\\bha\\b|\\bkg\\b|liter|tonnen|\\banzahl\\b|\\bje\\b|\\bpro\\b|koeffizient",
            "einheit|unit"),
    DATE("\\bwann\\b|\\bseit wann\\b|\\bab wann\\b|\\bbis wann\\b|\\bdatum\\b|\\bzeitpunkt\\b|in welchem jahr|\\bfrist\\b|\\bwhen\\b"
            + "|\\buhrzeit\\b|\\bwie spaet\\b|wie viel uhr|\\bdeadline\\b",
            "\\b(19|20)\\d\\d\\b|\\b\\d{1,2}\\.\\s?\\d{1,2}\\.|januar|februar|maerz|april|\\bmai\\b|juni|juli|august|september|oktober"
                    + "|november|dezember|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|werktag|feiertag|\\buhr\\b"
                    + "|innerhalb\\s+(?:von\\s+)?\\S+\\s+(?:\\S+\\s+)?(?:tag|woche|monat|jahr|stunde|frist)|spaetestens|unverzueglich|\\bab dem\\b|\\bbis zum\\b|\\bbeginn|\\bablauf",
            "datum|\\bseit\\b|frist|beginn|zeitpunkt|termin|\\bdate\\b|\\bsince\\b"),
    PLACE("\\bwo\\b|\\bwohin\\b|\\badresse\\b|\\banschrift\\b|\\bstandort\\b|\\bwhere\\b",
            "strasse|str\\.|\\bplatz\\b|\\bweg\\b|allee|gasse|\\bring\\b|\\b\\d{5}\\b|rathaus|gebaeude|zimmer|\\braum\\b|\\bstock\\b"
                    + "|etage|\\bim\\b|\\bin der\\b|\\bonline\\b|internet",
            "adresse|anschrift|\\bort\\b|standort|address|location"),
    CONTACT("\\ban wen\\b|\\bwen kann ich\\b|ansprechpartner|\\bkontakt|\\bzustaendig|\\berreiche\\b|\\bwende ich mich|\\bcontact\\b",
            "@|\\btel|telefon|\\w*amt\\b|stelle|buero|referat|zustaendig|\\bwenden sie sich\\b|\\bkontakt|kaemmerei|agentur|behoerde",
            "kontakt|e-mail|telefon|ansprechpartner|quelle|contact"),
    PROCEDURE("\\bwie (beantrage|kann ich|melde|bekomme|erhalte|funktioniert|gehe ich vor|laeuft|mache ich)\\b|\\bwas muss ich (tun|machen)\\b"
            + "|\\bwie muss ich\\b|\\bbeantrag|\\banmelden\\b|\\bummelden\\b|\\babmelden\\b|\\bvorschlagen\\b|how (do|can) i|\\bapply\\b",
            "antrag|beantrag|formular|einreich|\\banzeig|\\banmeld|\\bmelden\\b|\\b\\w+en sie\\b|online|schriftlich|vorzuleg|vorleg|mitbring|e-mail|senden|sende"
                    + "|\\bunterlagen\\b|\\bzu richten\\b|\\bist\\b.*\\bzu \\w+en\\b|\\bmuss\\b|\\bkoennen sie\\b|@",
            "antrag|verfahren|vorgehen|procedure"),
    DEFINITION("\\bwas (bedeutet|bedeuten|ist|sind|heisst|meint|versteht man)\\b|\\bbedeutung\\b|\\bwhat (is|are|does)\\b|\\bmeaning\\b",
            "", "bedeutung|definition|bezeichnung|definitionen"),
    YES_NO("", "", ""),
    NONE("", "", "");

    private final Pattern asks;
    private final Pattern evidence;
    private final Pattern keys;

    Attribute(String asks, String evidence, String keys) {
        this.asks = asks.isEmpty() ? null : Pattern.compile(asks);
        this.evidence = evidence.isEmpty() ? null : Pattern.compile(evidence);
        this.keys = keys.isEmpty() ? null : Pattern.compile(keys);
    }

    /** True if the (folded) question asks for this attribute. */
    boolean askedBy(String foldedQuestion) {
        return asks != null && asks.matcher(foldedQuestion).find();
    }

    /** Where in the (folded) question the first word asking for this attribute starts; -1 if none. */
    int firstCueAt(String foldedQuestion) {
        if (asks == null) {
            return -1;
        }
        var m = asks.matcher(foldedQuestion);
        return m.find() ? m.start() : -1;
    }

    /** True for attributes whose evidence is a number (an amount, a date, a count …): a number is the strong kind. */
    public boolean numeric() {
        return this == AMOUNT || this == COUNT || this == AGE || this == DURATION || this == MEASURE || this == DATE;
    }

    /** True for the same attribute or one of the same kind (a frequency or duration also tells something of when). */
    public boolean kin(Attribute other) {
        return this == other || TIME.contains(this) && TIME.contains(other);
    }

    private static final Set<Attribute> TIME = java.util.EnumSet.of(DATE, FREQUENCY, DURATION);

    /** True if this attribute needs evidence of its own in the answering text (an amount, a date, a source …). */
    public boolean needsEvidence() {
        return evidence != null;
    }

    /** True if the text holds the kind of fact this attribute asks for. */
    public boolean evidencedBy(String text) {
        return evidence == null || evidence.matcher(GermanText.fold(text)).find();
    }

    /** True if the key of a key–value line or table row names this attribute ("Datenquellen", "Gebühr"). */
    public boolean isKey(String key) {
        return keys != null && key != null && keys.matcher(GermanText.fold(key)).find();
    }

    /** The attribute whose key this is ("Datenquellen" → SOURCE), or null for any other key. */
    public static Attribute ofKey(String key) {
        for (Attribute a : values()) {
            if (a.isKey(key)) {
                return a;
            }
        }
        return null;
    }

    /** The words of the question that only ask for this attribute and say nothing about the topic. */
    String cueWords(String foldedQuestion) {
        if (asks == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        var m = asks.matcher(foldedQuestion);
        while (m.find()) {
            out.append(m.group()).append(' ');
        }
        return out.toString();
    }
}
