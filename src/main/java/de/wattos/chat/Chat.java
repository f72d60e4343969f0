package de.wattos.chat;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Grounded chat as other modules (the widget) see it. Tenant from {@code TenantContext}. The REST controllers of
 * this module use the same operations.
 */
public interface Chat {

    /** Starts a conversation; {@code spaceIds} empty = all spaces of the tenant. */
    default UUID startConversation(List<UUID> spaceIds, String title, String channel, String locale) {
        return startConversation(spaceIds, title, channel, locale, Origin.NONE);
    }

    /**
     * Starts a conversation and says where it comes from (a widget and its pseudonymous visitor), for analytics.
     * {@code origin.agentId} binds it to a generated agent (character module): answers then use the agent's prompt,
     * knowledge settings and texts; its spaces apply when {@code spaceIds} is empty. Unknown agent: 404.
     */
    UUID startConversation(List<UUID> spaceIds, String title, String channel, String locale, Origin origin);


    /** True if the conversation exists for the current tenant (the widget checks a visitor's conversation id). */
    boolean exists(UUID conversationId);

    /** Answers without streaming. */
    AnswerSummary ask(UUID conversationId, String content, AskOptions options);

    /**
     * Starts an answer that streams its events ({@code start}, {@code delta}, {@code citations}, {@code end},
     * {@code error}, keep-alives) into {@code stream} and returns at once; a stream whose client is gone cancels
     * generation. Bad input (unknown conversation, empty or too long content) throws before anything is streamed.
     * The web layer serves it as Server-Sent Events with {@code de.wattos.chat.web.AnswerSse}.
     */
    void askStreaming(UUID conversationId, String content, AskOptions options, AnswerStream stream);

    /**
     * Puts a message into a conversation outside the ask path: a person's reply ({@code staff}), or an answer that
     * arrives later ({@code assistant}, e.g. a run resumed after an approval). {@code author} is shown to the citizen.
     * Announced as {@code channel.conversation.message.posted} (ids and role only) so the widget and the console
     * show it live. Unknown conversation: 404.
     */
    UUID post(UUID conversationId, Speaker speaker, String author, String content, List<Citation> citations);

    /** A message of the conversation (any role), for live views; empty if there is none. */
    java.util.Optional<Posted> message(UUID conversationId, UUID messageId);

    /**
     * The language the conversation is held in ({@code de} or {@code en}): that of the citizen's latest question when
     * it clearly is German or English, else the conversation's locale, else German. What other modules say into the
     * conversation later (a person's greeting, an approval's outcome) uses it. Unknown: 404.
     */
    String language(UUID conversationId);

    /** The conversation's finished messages, oldest first (for summaries and staff views). Unknown: 404. */
    List<Posted> transcript(UUID conversationId);

    /** Who speaks in a message not answered by chat itself. */
    enum Speaker {
        ASSISTANT, STAFF;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A stored message as live views show it; {@code role} is {@code user}, {@code assistant} or {@code staff}. */
    record Posted(UUID id, UUID conversationId, String role, String author, String content, List<Citation> citations,
            java.time.OffsetDateTime createdAt) {
    }

    /** Feedback on an assistant message of the current tenant. */
    void feedback(UUID messageId, String rating, String comment, Boolean solved);

    /**
     * Per-call options. {@code onFinished} is called once the answer is complete (or failed), e.g. so the widget
     * can count tokens against its daily budget.
     */
    record AskOptions(String channel, Consumer<AnswerSummary> onFinished, List<PriorTurn> history,
            String instructions) {
        public static final AskOptions DEFAULT = new AskOptions("api", null);

        public AskOptions {
            history = history == null ? List.of() : List.copyOf(history);
            instructions = instructions == null || instructions.isBlank() ? null : instructions.strip();
        }

        public AskOptions(String channel, Consumer<AnswerSummary> onFinished) {
            this(channel, onFinished, List.of(), null);
        }
    }

    /**
     * An earlier turn a caller brings along (an OpenAI client sends the whole dialogue each time): used, like the
     * conversation's own stored turns, to understand a follow-up question and shown to the model as the dialogue.
     */
    record PriorTurn(boolean fromUser, String content) {
    }

    /** Where a conversation comes from; all null for the API and the console playground. */
    record Origin(UUID widgetId, String visitorId, UUID agentId) {
        public static final Origin NONE = new Origin(null, null, null);
    }

    record AnswerSummary(UUID conversationId, UUID messageId, String content, List<Citation> citations,
            boolean noAnswer, String model, int inputTokens, int outputTokens, long latencyMs, String finishReason) {
    }

    /**
     * {@code curated}: the passage is an approved article (answered before crawled text), not a crawled page. Stored
     * citations written before the flag existed lack it: absent or null reads as false (a crawled page).
     * {@code origin}: null for the tenant's own knowledge, else the external source the passage came from
     * ({@code f13}); citations stored before the field existed lack it and read as the tenant's own.
     */
    record Citation(int n, String title, String url, String headingPath, Integer page, String snippet,
            UUID documentId, UUID chunkId, @JsonSetter(nulls = Nulls.AS_EMPTY) boolean curated, String origin) {

        public Citation(int n, String title, String url, String headingPath, Integer page, String snippet,
                UUID documentId, UUID chunkId, boolean curated) {
            this(n, title, url, headingPath, page, snippet, documentId, chunkId, curated, null);
        }

        public Citation(int n, String title, String url, String headingPath, Integer page, String snippet,
                UUID documentId, UUID chunkId) {
            this(n, title, url, headingPath, page, snippet, documentId, chunkId, false, null);
        }
    }
}
