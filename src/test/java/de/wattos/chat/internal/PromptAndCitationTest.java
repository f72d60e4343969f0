package de.wattos.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.chat.Chat;
import de.wattos.knowledge.SearchHit;
import de.wattos.llm.ModelRequest;
import de.wattos.support.BoundProperties;
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

    static String streamAll(CitationStream stream, String answer) {
        StringBuilder shown = new StringBuilder();
        // split inside markers on purpose: a model streams "[" and "2]" as separate deltas
        for (int i = 0; i < answer.length(); i += 3) {
            shown.append(stream.accept(answer.substring(i, Math.min(answer.length(), i + 3))));
        }
        String rest = stream.finish();
        return rest == null ? null : shown + rest;
    }

    @Test
    void citationsAreRenumberedInOrderOfUseAndDeduplicatedPerDocumentSection() {
        SearchHit ausweisA = hit("Ausweis", "Personalausweis kostet 37 Euro.", 1);
        // another chunk of the same document and section as ausweisA
        SearchHit ausweisB = new SearchHit(UUID.randomUUID(), ausweisA.documentId(), ausweisA.spaceId(), "Ausweis",
                ausweisA.url(), ausweisA.headingPath(), null, "Bis 24 Jahre", "Bis 24 Jahre 22,80 Euro.", 0.8);
        List<Source> sources = List.of(new Source(1, hit("Pass", "Reisepass kostet 70 Euro.", 1)),
                new Source(2, hit("Hund", "Hundesteuer 100 Euro.", 0.9)), new Source(3, hit("Wetter", "Sonne.", 0.8)),
                new Source(4, ausweisA), new Source(5, ausweisB));
        CitationStream stream = new CitationStream(sources);
        String shown = streamAll(stream, "Der Ausweis kostet 37 Euro [4], jung 22,80 Euro [5]. Der Pass 70 Euro [1, 4]. Falsch [9].");
        assertThat(shown).isEqualTo("Der Ausweis kostet 37 Euro [1], jung 22,80 Euro [1]. Der Pass 70 Euro [2, 1]. Falsch.");
        assertThat(stream.citations()).extracting(Chat.Citation::n).containsExactly(1, 2);
        assertThat(stream.citations()).extracting(Chat.Citation::url)
                .containsExactly("https://example.org/Ausweis", "https://example.org/Pass");
        assertThat(stream.citations().getFirst().headingPath()).isEqualTo("Bürgerservice > Ausweis");
        assertThat(stream.citations().getFirst().documentId()).isEqualTo(ausweisA.documentId());
    }

    @Test
    void anAnswerCitingNoExistingSourceIsNeverShownAndRejectedAtTheEnd() {
        List<Source> sources = List.of(new Source(1, hit("A", "x", 1)), new Source(2, hit("B", "y", 1)));
        CitationStream none = new CitationStream(sources);
        // held back: until a source is cited the whole text may still be replaced by the honest no-answer
        assertThat(none.accept("Das weiß ich so.")).isEmpty();
        assertThat(none.accept(" Siehe [7].")).isEmpty();
        assertThat(none.received()).isTrue();
        assertThat(none.finish()).isNull();
        assertThat(none.citations()).isEmpty();
        CitationStream some = new CitationStream(sources);
        assertThat(some.accept("Erster Satz. Zweiter [Quel")).isEmpty();
        assertThat(some.accept("le 2] weiter")).isEqualTo("Erster Satz. Zweiter [1] weiter");
        assertThat(some.accept(" und mehr.")).isEqualTo(" und mehr.");
        assertThat(some.finish()).isEmpty();
        assertThat(streamAll(new CitationStream(sources), "Ein [Hinweis] ohne Zahl [2].")).isEqualTo("Ein [Hinweis] ohne Zahl [1].");
    }

    @Test
    void promptNumbersSourcesWithinBudgetAndCarriesGrounding() {
        PromptBuilder prompts = new PromptBuilder(BoundProperties.bind("wattos.chat", ChatProperties.class,
                Map.of("history-token-budget", "30", "context-token-budget", "60")));
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
