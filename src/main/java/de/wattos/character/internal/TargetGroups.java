package de.wattos.character.internal;

import java.util.List;
import java.util.Locale;

/**
 * The German rule set that maps content to target groups: each group is recognised by word stems in the text
 * (a word counts when it starts with a stem, or contains a stem of seven or more letters, so compounds such as
 * "Kinderbetreuungsangebote" count for families). The typical questions are templates filled with the group's
 * topics found in the content.
 */
final class TargetGroups {

    record Group(String id, String name, String description, List<String> stems, List<String> needs,
            List<String> questions, LanguageLevel level, List<String> tools) {

        /** True if the (lower-case) word is evidence for this group. */
        boolean matches(String word) {
            for (String stem : stems) {
                if (word.startsWith(stem) || (stem.length() >= 7 && word.contains(stem))) {
                    return true;
                }
            }
            return false;
        }

        /** The stem the word matched (for specificity: how many different stems a persona's content shows). */
        String stemOf(String word) {
            for (String stem : stems) {
                if (word.startsWith(stem) || (stem.length() >= 7 && word.contains(stem))) {
                    return stem;
                }
            }
            return null;
        }
    }

    static final List<Group> ALL = List.of(
            new Group("families", "Familien mit Kindern",
                    "Eltern und Familien, die Angebote für Kinder und Jugendliche, Betreuung und Unterstützung im Familienalltag suchen.",
                    List.of("familie", "kinder", "kind", "kita", "eltern", "elterngeld", "schwanger", "geburt", "jugend",
                            "spielplatz", "kindergarten", "tagespflege", "alleinerziehend", "kinderbetreuung", "säugling"),
                    List.of("Kinderbetreuung und Kita-Plätze finden", "Familienleistungen und Zuschüsse verstehen",
                            "Freizeit- und Bildungsangebote für Kinder kennen"),
                    List.of("Welche Angebote gibt es für Familien mit Kindern?", "Wie finde ich einen Betreuungsplatz für mein Kind?"),
                    LanguageLevel.STANDARD, List.of("knowledge_search", "service_link", "handoff_to_human")),
            new Group("seniors", "Seniorinnen und Senioren",
                    "Ältere Menschen und ihre Angehörigen, die Hilfe zu Pflege, Gesundheit, Wohnen im Alter und Teilhabe suchen.",
                    List.of("senior", "rente", "rentner", "pflege", "älter", "hochbetagt", "ruhestand", "demenz",
                            "pflegeheim", "altenheim", "lebenserwartung", "betreutes"),
                    List.of("Pflege und Unterstützung im Alltag organisieren", "Angebote für ältere Menschen finden",
                            "Ansprechpartner bei Pflegefragen erreichen"),
                    List.of("Welche Angebote gibt es für ältere Menschen?", "Wo bekomme ich Hilfe bei der Pflege?"),
                    LanguageLevel.EINFACH, List.of("knowledge_search", "handoff_to_human", "service_link")),
            new Group("newcomers", "Neubürgerinnen und Neubürger",
                    "Menschen, die neu in den Ort ziehen und Anmeldung, Orientierung und erste Wege erledigen wollen.",
                    List.of("zuzug", "zugezogen", "anmeldung", "ummeldung", "neubürger", "wohnsitz", "meldebescheinigung",
                            "umzug", "einwohnermelde"),
                    List.of("Wohnsitz anmelden und Behördengänge erledigen", "sich im neuen Wohnort orientieren"),
                    List.of("Wie melde ich meinen Wohnsitz an?", "Was muss ich nach dem Umzug erledigen?"),
                    LanguageLevel.EINFACH, List.of("knowledge_search", "service_link", "current_time")),
            new Group("migrants", "Menschen mit Migrationsgeschichte",
                    "Zugewanderte und Geflüchtete, die Informationen zu Aufenthalt, Integration, Sprache und Teilhabe brauchen.",
                    List.of("migration", "migrant", "integration", "ausländer", "aufenthalt", "einbürgerung", "geflüchtet",
                            "flüchtling", "asyl", "sprachkurs", "zuwander", "herkunft", "staatsangehörig"),
                    List.of("Aufenthalt und Einbürgerung klären", "Sprach- und Integrationsangebote finden"),
                    List.of("Welche Integrationsangebote gibt es?", "Wo bekomme ich Hilfe beim Aufenthaltstitel?"),
                    LanguageLevel.EINFACH, List.of("knowledge_search", "handoff_to_human", "service_link")),
            new Group("businesses", "Unternehmen und Gründer",
                    "Betriebe, Selbstständige und Gründerinnen, die Wirtschaftsförderung, Genehmigungen und Standortinformationen suchen.",
                    List.of("unternehm", "gewerbe", "betrieb", "wirtschaft", "existenzgründ", "gründer", "gründung",
                            "arbeitgeber", "handwerk", "ausschreibung", "standort", "beschäftigt", "industrie", "fachkräft",
                            "arbeitsplätze", "arbeitsmarkt"),
                    List.of("Wirtschaftsförderung und Standortdaten kennen", "Gewerbe anmelden und Genehmigungen einholen"),
                    List.of("Wie unterstützt die Wirtschaftsförderung Unternehmen?", "Wie melde ich ein Gewerbe an?"),
                    LanguageLevel.STANDARD, List.of("knowledge_search", "service_link", "http_request")),
            new Group("learners", "Schülerinnen, Schüler und Studierende",
                    "Junge Menschen in Schule, Ausbildung und Studium, die Bildungsangebote und Unterstützung suchen.",
                    List.of("schule", "schüler", "studium", "studier", "student", "hochschule", "universität", "ausbildung",
                            "azubi", "bildung", "abitur", "lehrstelle", "berufsschul", "schulabschl", "weiterbildung"),
                    List.of("Bildungs- und Ausbildungsangebote finden", "Unterstützung für Schule und Studium bekommen"),
                    List.of("Welche Bildungsangebote gibt es?", "Wo finde ich Informationen zu Ausbildung und Studium?"),
                    LanguageLevel.STANDARD, List.of("knowledge_search", "service_link")),
            new Group("disabilities", "Menschen mit Behinderung",
                    "Menschen mit Behinderung und ihre Angehörigen, die barrierefreie Angebote, Teilhabe und Nachteilsausgleiche suchen.",
                    List.of("behinder", "barrierefrei", "barrierearm", "inklusion", "inklusiv", "teilhabe", "rollstuhl",
                            "schwerbehindert", "gebärdensprache", "blind", "gehörlos", "sehbehindert"),
                    List.of("barrierefreie Angebote und Zugänge finden", "Unterstützung und Nachteilsausgleiche beantragen"),
                    List.of("Welche barrierefreien Angebote gibt es?", "Wo bekomme ich Unterstützung bei einer Behinderung?"),
                    LanguageLevel.EINFACH, List.of("knowledge_search", "handoff_to_human")),
            new Group("visitors", "Gäste und Touristen",
                    "Besucherinnen und Besucher, die Sehenswürdigkeiten, Veranstaltungen, Freizeit und Übernachtung suchen.",
                    List.of("tourismus", "tourist", "sehenswürdig", "übernacht", "hotel", "stadtführung", "museum",
                            "besucher", "gäste", "ausflug", "freizeit", "veranstaltung", "kultur"),
                    List.of("Sehenswürdigkeiten und Veranstaltungen entdecken", "Freizeit und Aufenthalt planen"),
                    List.of("Welche Sehenswürdigkeiten und Veranstaltungen gibt es?", "Welche Freizeitangebote gibt es?"),
                    LanguageLevel.STANDARD, List.of("knowledge_search", "current_time", "service_link")),
            new Group("climate", "Umwelt- und klimabewusste Bürger",
                    "Bürgerinnen und Bürger, die sich für Klimaschutz, Energie, Abfall und Natur vor Ort interessieren und mitmachen wollen.",
                    List.of("klima", "umwelt", "energie", "nachhaltig", "emission", "treibhaus", "solar", "photovoltaik",
                            "biodiversität", "artenvielfalt", "abfall", "müll", "recycling", "kreislauf", "naturschutz",
                            "erneuerbar", "co2"),
                    List.of("Klimaschutz und Energiesparen vor Ort verstehen", "Förderprogramme und Mitmachangebote finden"),
                    List.of("Was tut die Stadt für den Klimaschutz?", "Welche Förderung gibt es für erneuerbare Energien?"),
                    LanguageLevel.STANDARD, List.of("knowledge_search", "service_link")),
            new Group("mobility", "Pendler und Verkehrsteilnehmende",
                    "Menschen, die täglich unterwegs sind und Informationen zu Bus, Bahn, Rad, Parken und Straßen brauchen.",
                    List.of("verkehr", "öpnv", "nahverkehr", "pendler", "parken", "parkplatz", "mobilität", "carsharing",
                            "radweg", "radverkehr", "fahrrad", "bushaltestell", "ladesäul", "elektromobil"),
                    List.of("Verbindungen und Mobilitätsangebote finden", "Parken, Radwege und Baustellen kennen"),
                    List.of("Welche Mobilitätsangebote gibt es?", "Wie komme ich mit Bus und Rad durch die Stadt?"),
                    LanguageLevel.STANDARD, List.of("knowledge_search", "current_time", "service_link")),
            new Group("hardship", "Menschen in schwierigen Lebenslagen",
                    "Menschen mit wenig Einkommen, ohne Arbeit oder Wohnung, die Beratung und Leistungen suchen.",
                    List.of("armut", "arbeitslos", "sozialleistung", "wohngeld", "bürgergeld", "grundsicherung", "schulden",
                            "wohnungslos", "obdachlos", "sozialhilfe", "bedürftig", "einkommensschwach", "langzeitarbeitslos"),
                    List.of("Leistungen und Beratung bei wenig Einkommen finden", "Hilfe bei Wohnungsnot bekommen"),
                    List.of("Welche Hilfen gibt es bei wenig Einkommen?", "Wo bekomme ich Hilfe, wenn ich meine Wohnung verliere?"),
                    LanguageLevel.EINFACH, List.of("knowledge_search", "handoff_to_human", "service_link")),
            new Group("housing", "Bauherren, Mieter und Eigentümer",
                    "Menschen, die bauen, sanieren, mieten oder Wohnraum suchen und dafür Regeln und Anträge kennen müssen.",
                    List.of("bauantrag", "bebauungsplan", "baugenehmigung", "wohnung", "wohnraum", "miete", "mieter",
                            "eigentum", "grundstück", "sanierung", "bauland", "wohnbau", "flächennutzung"),
                    List.of("Bauanträge und Genehmigungen verstehen", "Wohnraum und Fördermöglichkeiten finden"),
                    List.of("Wie stelle ich einen Bauantrag?", "Wie ist die Lage auf dem Wohnungsmarkt?"),
                    LanguageLevel.STANDARD, List.of("knowledge_search", "service_link", "handoff_to_human")),
            new Group("volunteers", "Ehrenamtliche und Vereine",
                    "Engagierte Bürgerinnen und Bürger, Vereine und Initiativen, die mitmachen und Förderung suchen.",
                    List.of("ehrenamt", "verein", "engagement", "engagier", "freiwillig", "bürgerschaftlich", "spende",
                            "initiative", "mitmach", "beteiligung"),
                    List.of("Möglichkeiten zum Mitmachen finden", "Förderung für Vereine und Initiativen kennen"),
                    List.of("Wie kann ich mich ehrenamtlich engagieren?", "Welche Beteiligungsmöglichkeiten gibt es?"),
                    LanguageLevel.STANDARD, List.of("knowledge_search", "service_link")),
            new Group("health", "Menschen mit Gesundheitsfragen",
                    "Menschen, die Informationen zu Gesundheit, Vorsorge, ärztlicher Versorgung und Sport suchen.",
                    List.of("gesundheit", "arzt", "ärzt", "krankenhaus", "klinik", "impf", "vorsorge", "sport", "bewegung",
                            "krankheit", "medizin", "übergewicht", "ernährung"),
                    List.of("Gesundheits- und Vorsorgeangebote finden", "ärztliche Versorgung vor Ort kennen"),
                    List.of("Welche Gesundheitsangebote gibt es?", "Wie ist die ärztliche Versorgung vor Ort?"),
                    LanguageLevel.STANDARD, List.of("knowledge_search", "service_link", "handoff_to_human")),
            new Group("equality", "Frauen und Gleichstellung",
                    "Menschen, die sich für Gleichstellung, Vereinbarkeit und Schutz vor Gewalt interessieren oder Hilfe suchen.",
                    List.of("gleichstellung", "frauen", "geschlecht", "gleichberechtig", "vereinbarkeit", "häusliche gewalt",
                            "frauenhaus", "lohnlücke", "gender"),
                    List.of("Beratung zu Gleichstellung und Vereinbarkeit finden", "Hilfe bei Gewalt bekommen"),
                    List.of("Was tut die Stadt für Gleichstellung?", "Wo finden Frauen Beratung und Schutz?"),
                    LanguageLevel.STANDARD, List.of("knowledge_search", "handoff_to_human")));

    private TargetGroups() {
    }

    static String normalise(String word) {
        return word.toLowerCase(Locale.GERMAN);
    }
}
