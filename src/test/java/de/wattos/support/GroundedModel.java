package de.wattos.support;

import de.wattos.support.ProviderStub.Answer;
import de.wattos.support.ProviderStub.Behaviour;
import de.wattos.support.ProviderStub.Drop;
import de.wattos.support.ProviderStub.Received;
import de.wattos.support.ProviderStub.Trickle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A model behind the {@link OpenAiStub} that answers chat's prompts the way a grounded model does: it condenses a
 * follow-up ("Formuliere …") into "question (im Zusammenhang mit: first question)", and otherwise answers with the
 * first sentence of the numbered source sharing most words with the question, citing it ({@code [n]}) up front and at
 * the end. Use it as {@code stub.always(new Computed(model))}.
 */
public final class GroundedModel implements Function<Received, Behaviour> {

    private static final Pattern SOURCE = Pattern.compile("(?s)(?:^|\\n)\\[(\\d+)\\][^\\n]*\\n(.+?)(?=\\n\\n\\[\\d+\\] |\\z)");
    private static final Pattern LAST_QUESTION = Pattern.compile("Letzte Frage: (.+)$", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("\\S+\\s*");
    private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** What the requests asked for, in order: {@code condense} or {@code chat}. */
    private final List<String> kinds = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean uncited;
    private volatile long millisPerToken;
    private volatile int dropAfterTokens = -1;

    /** Back to a grounded answer streamed at once. */
    public GroundedModel reset() {
        uncited = false;
        millisPerToken = 0;
        dropAfterTokens = -1;
        return this;
    }

    /** Answers fluently without citing any source, as an ungrounded model would (condensing stays as it is). */
    public GroundedModel uncited() {
        uncited = true;
        return this;
    }

    /** Streams one token every {@code millis}. */
    public GroundedModel slow(long millis) {
        millisPerToken = millis;
        return this;
    }

    /** Streams {@code tokens} tokens, then cuts the connection without the end of the stream. */
    public GroundedModel dropAfter(int tokens) {
        dropAfterTokens = tokens;
        return this;
    }

    public List<String> kinds() {
        return List.copyOf(kinds);
    }

    public long count(String kind) {
        return kinds().stream().filter(kind::equals).count();
    }

    @Override
    public Behaviour apply(Received request) {
        JsonNode messages = request.json().path("messages");
        String system = messages.isEmpty() ? "" : messages.get(0).path("content").asString("");
        String last = messages.isEmpty() ? "" : messages.get(messages.size() - 1).path("content").asString("");
        String answer;
        if (system.startsWith("Formuliere")) {
            kinds.add("condense");
            answer = condense(last);
        } else {
            kinds.add("chat");
            answer = uncited ? "Die Gebühr beträgt nach meiner Kenntnis 12 Euro, bezahlt wird im Rathaus." : answer(last);
        }
        List<String> tokens = tokens(answer);
        if (dropAfterTokens >= 0) {
            return new Drop(tokens.subList(0, Math.min(dropAfterTokens, tokens.size())));
        }
        if (millisPerToken > 0) {
            return new Trickle(tokens, millisPerToken);
        }
        return new Answer(tokens, 100, tokens.size(), null);
    }

    private static String condense(String prompt) {
        Matcher q = LAST_QUESTION.matcher(prompt);
        String question = q.find() ? q.group(1).strip() : prompt;
        int firstUser = prompt.indexOf("Nutzer: ");
        String context = firstUser < 0 ? "" : prompt.substring(firstUser + 8, prompt.indexOf('\n', firstUser));
        return question + " (im Zusammenhang mit: " + context + ")";
    }

    private static String answer(String prompt) {
        // the prompt's numbered sources look like "[n] title — heading\ntext\n\n", the question comes last
        int q = prompt.lastIndexOf("\nFrage: ");
        String question = q < 0 ? "" : prompt.substring(q + 8).toLowerCase(Locale.ROOT);
        Matcher source = SOURCE.matcher(q < 0 ? prompt : prompt.substring(0, q));
        int best = -1;
        int bestScore = -1;
        String bestText = null;
        while (source.find()) {
            String haystack = source.group(0).toLowerCase(Locale.ROOT);
            int score = 0;
            for (String word : WORDS.split(question)) {
                if (word.length() >= 4 && haystack.contains(word.substring(0, Math.min(word.length(), 6)))) {
                    score++;
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = Integer.parseInt(source.group(1));
                bestText = source.group(2).strip();
            }
        }
        if (bestText == null) {
            return "Dazu liegen mir keine Quellen vor.";
        }
        String flat = bestText.replaceAll("\\s+", " ");
        int end = flat.indexOf(". ");
        String sentence = end > 0 ? flat.substring(0, end + 1) : flat;
        if (sentence.length() > 300) {
            sentence = sentence.substring(0, 300) + " …";
        }
        // the citation comes first: chat shows nothing of an answer before its first citation
        return "Laut Quelle [" + best + "]: " + sentence + " [" + best + "]";
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
