package de.wattos.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.chat.Chat;
import de.wattos.knowledge.SearchHit;
import de.wattos.llm.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PromptAndCitationTest {

    static SearchHit hit(String title, String text, double score) {
        return new SearchHit(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), title, "https://example.org/" + title,
                "Bürgerservice > " + title, null, text.substring(0, Math.min(40, text.length())), text, score);
    }

    @Test
    void citedSourcesAreMappedAndUncitedOnesDropped() {
        List<Source> sources = List.of(new Source(1, hit("Ausweis", "Personalausweis kostet 37 Euro.", 1)),
                new Source(2, hit("Pass", "Reisepass kostet 70 Euro.", 0.9)),
                new Source(3, hit("Hund", "Hundesteuer 100 Euro.", 0.5)));
        String answer = "Der Personalausweis kostet 37 Euro [1]. Der Reisepass 70 Euro [2, 3].";
        List<Chat.Citation> citations = CitationMapper.citations(answer, sources);
        assertThat(citations).extracting(Chat.Citation::n).containsExactly(1, 2, 3);
        assertThat(CitationMapper.citations("Nur [2][2].", sources)).extracting(Chat.Citation::n).containsExactly(2);
        assertThat(CitationMapper.citations("Keine Quelle.", sources)).isEmpty();
        assertThat(citations.getFirst().documentId()).isEqualTo(sources.getFirst().hit().documentId());
        assertThat(citations.getFirst().url()).isEqualTo("https://example.org/Ausweis");
    }

    @Test
    void markersOfUnknownSourcesAreRemoved() {
        List<Source> sources = List.of(new Source(1, hit("A", "x", 1)), new Source(2, hit("B", "y", 1)));
        assertThat(CitationMapper.withoutUnknownMarkers("Text [7]. Mehr [1, 9] und [2].", sources))
                .isEqualTo("Text. Mehr [1] und [2].");
        assertThat(CitationMapper.withoutUnknownMarkers("Unverändert [1] .", sources)).isEqualTo("Unverändert [1] .");
        assertThat(CitationMapper.citedNumbers("[Quelle 2] und [source 1]")).containsExactly(1, 2);
    }

    @Test
    void promptNumbersSourcesWithinBudgetAndCarriesGrounding() {
        PromptBuilder prompts = new PromptBuilder(new ChatProperties(null, null, null, null, 30, 60, null, null, null,
                null, null, null, null));
        String longText = "Wort ".repeat(100);
        List<SearchHit> hits = List.of(hit("Eins", "Kurzer Text eins.", 3), hit("Zwei", "Kurzer Text zwei.", 2),
                hit("Drei", longText, 1));
        List<Source> sources = prompts.sources(hits);
        assertThat(sources).extracting(Source::n).containsExactly(1, 2);

        AssistantSettings settings = AssistantSettings.from(Map.of("assistantName", "Ingo", "tone", "förmlich",
                "refusedTopics", List.of("Wahlen", "Politik"), "contact", Map.of("name", "Bürgerbüro", "phone", "0841 305-0")),
                "Stadt Ingolstadt", "Ihre Verwaltung");
        List<Turn> history = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            history.add(new Turn(i % 2 == 0, "Nachricht Nummer " + i + " mit etwas Text"));
        }
        ModelRequest request = prompts.request(settings, "de-DE", history, sources, "Was kostet das?", "Was kostet der Ausweis?");
        String system = request.messages().getFirst().content();
        assertThat(system).contains("Ingo von Stadt Ingolstadt").contains("förmlich").contains("[1]")
                .contains("Bürgerbüro, Telefon: 0841 305-0").contains("Wahlen, Politik").contains("Deutsch");
        // history is cut by the budget (30 tokens = about 120 characters) and starts with a user turn
        List<ModelRequest.ModelMessage> middle = request.messages().subList(1, request.messages().size() - 1);
        assertThat(middle).hasSizeBetween(1, 3);
        assertThat(middle.getFirst().role()).isEqualTo(ModelRequest.ModelMessage.Role.USER);
        assertThat(middle.getLast().content()).isEqualTo("Nachricht Nummer 9 mit etwas Text");
        String last = request.messages().getLast().content();
        assertThat(last).startsWith("Quellen:\n[1] Eins — Bürgerservice > Eins\nKurzer Text eins.")
                .contains("[2] Zwei").endsWith("Frage: Was kostet das?");
        assertThat(request.grounding().question()).isEqualTo("Was kostet der Ausweis?");
        assertThat(request.grounding().passages()).extracting(ModelRequest.Passage::n).containsExactly(1, 2);
        assertThat(request.purpose()).isEqualTo("chat");
        assertThat(PromptBuilder.answerLanguage(settings, "en")).isEqualTo("Englisch");
    }

    @Test
    void settingsTakeDefaultsForMissingKeysAndRefuseTopics() {
        AssistantSettings d = AssistantSettings.from(Map.of("tone", " "), null, "das Rathaus");
        assertThat(d.assistantName()).isEqualTo(AssistantSettings.DEFAULT_NAME);
        assertThat(d.tone()).isEqualTo(AssistantSettings.DEFAULT_TONE);
        assertThat(d.contact()).isEqualTo("das Rathaus");
        AssistantSettings s = AssistantSettings.from(Map.of("assistant", Map.of("name", "Lotte"), "topicsToRefuse", "Wahlen; Steuertricks"),
                null, "x");
        assertThat(s.assistantName()).isEqualTo("Lotte");
        assertThat(s.refusedTopicIn("Wen soll ich bei den Wahlen wählen?")).isEqualTo("Wahlen");
        assertThat(s.refusedTopicIn("Wann hat das Bürgerbüro offen?")).isNull();
    }

    @Test
    void titlesAreShortenedAtWordBoundaries() {
        assertThat(Titles.fromQuestion("  Was kostet   ein Ausweis? ")).isEqualTo("Was kostet ein Ausweis?");
        String t = Titles.fromQuestion("Wie kann ich einen neuen Personalausweis beantragen, wenn mein alter abgelaufen ist und ich umgezogen bin?");
        assertThat(t).endsWith("…").hasSizeLessThanOrEqualTo(Titles.MAX + 1);
        assertThat(t).startsWith("Wie kann ich einen neuen Personalausweis beantragen");
    }
}
