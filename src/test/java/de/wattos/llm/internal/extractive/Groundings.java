package de.wattos.llm.internal.extractive;

import de.wattos.llm.ModelRequest.Grounding;
import de.wattos.llm.ModelRequest.Passage;
import java.util.List;

/** A typical grounding: eight passages of a municipal website, as retrieval would hand them to the model. */
public final class Groundings {

    private Groundings() {
    }

    public static final List<Passage> MUNICIPAL = List.of(
            new Passage(1, "Hundesteuer", "Bürgerservice > Steuern > Hundesteuer",
                    "Wer in der Gemeinde einen Hund hält, muss ihn innerhalb von zwei Wochen anmelden. "
                            + "Die Hundesteuer beträgt für den ersten Hund 96 Euro im Jahr, für jeden weiteren Hund 150 Euro. "
                            + "Für Kampfhunde gilt ein erhöhter Steuersatz von 600 Euro."),
            new Passage(2, "Öffnungszeiten Bürgerbüro", "Rathaus > Bürgerbüro",
                    "Das Bürgerbüro im Rathaus ist montags bis freitags von 8 bis 12 Uhr geöffnet. "
                            + "Donnerstags zusätzlich von 14 bis 18 Uhr. Termine können online vereinbart werden."),
            new Passage(3, "Personalausweis beantragen", "Bürgerservice > Ausweise",
                    "Den Personalausweis beantragen Sie persönlich im Bürgerbüro. Mitzubringen sind ein biometrisches "
                            + "Passfoto und der alte Ausweis. Die Gebühr beträgt 37 Euro, für Personen unter 24 Jahren 22,80 Euro. "
                            + "Die Bearbeitung dauert etwa drei Wochen."),
            new Passage(4, "Abfallkalender", "Umwelt > Abfall",
                    "Die Restmülltonne wird alle zwei Wochen geleert, die Biotonne wöchentlich. Den Abfallkalender "
                            + "finden Sie auf der Website der Gemeinde. Sperrmüll kann zweimal im Jahr kostenlos angemeldet werden."),
            new Passage(5, "Friedhofssatzung", "Ortsrecht > Friedhof",
                    "Die Ruhezeit für Erdbestattungen beträgt 25 Jahre, für Urnen 15 Jahre. "
                            + "Grabstätten werden nur nach Eintritt eines Todesfalls vergeben."),
            new Passage(6, "Kindergartenplatz", "Familie > Kinderbetreuung",
                    "Die Anmeldung für einen Kindergartenplatz erfolgt über das zentrale Vormerkportal. "
                            + "Anmeldeschluss für das kommende Kindergartenjahr ist der 31. Januar."),
            new Passage(7, "Wohnsitz anmelden", "Bürgerservice > Meldewesen",
                    "Nach einem Umzug müssen Sie sich innerhalb von zwei Wochen beim Bürgerbüro anmelden. "
                            + "Bringen Sie Ihren Personalausweis und die Wohnungsgeberbestätigung mit."),
            new Passage(8, "Parkausweis für Anwohner", "Verkehr > Parken",
                    "Anwohnerparkausweise kosten 30 Euro pro Jahr. Der Antrag ist beim Ordnungsamt zu stellen."));

    public static Grounding of(String question) {
        return new Grounding(question, MUNICIPAL);
    }
}
