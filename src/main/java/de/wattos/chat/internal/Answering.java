package de.wattos.chat.internal;

import de.wattos.character.AgentProfile;
import de.wattos.character.Agents;
import de.wattos.chat.Chat;
import de.wattos.chat.MessageAnswered;
import de.wattos.knowledge.KnowledgeSearch;
import de.wattos.knowledge.SearchHit;
import de.wattos.knowledge.SearchQuery;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelResponse;
import de.wattos.llm.ModelStream;
import de.wattos.llm.StreamHandler;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The ask path: history → condense → retrieve → relevance gate → numbered prompt → model stream → citations →
 * persisted → events. One {@link Run} per answer carries the state between the model's callbacks; the same run
 * feeds SSE, the WebSocket and the blocking API through an {@link AnswerSink}.
 */
@Component
public class Answering {

    private static final Logger log = LoggerFactory.getLogger(Answering.class);

    private final ChatProperties properties;
    private final Messages messages;
    private final ChatEventLog events;
    private final ObjectProvider<KnowledgeSearch> search;
    private final LanguageModels models;
    private final AssistantSettingsSource settings;
    private final RunningAnswers running;
    private final KeepAlive keepAlive;
    private final PromptBuilder prompts;
    private final QuestionCondenser condenser;
    private final RelevanceGate gate;

    private final Agents agents;
    private final ConversationAgents conversationAgents;

    Answering(ChatProperties properties, Messages messages, ChatEventLog events, ObjectProvider<KnowledgeSearch> search,
            LanguageModels models, AssistantSettingsSource settings, RunningAnswers running, KeepAlive keepAlive,
            Agents agents, ConversationAgents conversationAgents) {
        this.agents = agents;
        this.conversationAgents = conversationAgents;
        this.properties = properties;
        this.messages = messages;
        this.events = events;
        this.search = search;
        this.models = models;
        this.settings = settings;
        this.running = running;
        this.keepAlive = keepAlive;
        this.prompts = new PromptBuilder(properties);
        this.condenser = new QuestionCondenser(models, properties.condenseWithModel());
        this.gate = new RelevanceGate(properties.minScore(), properties.minTermCoverage());
    }

    /** A validated question to a conversation of the current tenant. */
    public record Ask(Conversations.Conversation conversation, String question, String channel, long receivedNanos,
            Consumer<Chat.AnswerSummary> onFinished) {
    }

    /**
     * Starts answering; events go to {@code sink}. Returns once the model stream is running (or the answer is
     * already complete, e.g. for a no-answer). Never throws: failures become an {@code error} event.
     */
    Run start(Ask ask, AnswerSink sink) {
        TenantRef tenant = TenantContext.current();
        Conversations.Conversation conversation = ask.conversation();
        UUID answerId = Ids.newId();
        Run run = new Run(tenant, conversation.id(), answerId, ask.channel(), ask.receivedNanos(), sink, ask.onFinished(),
                ask.question());
        try {
            List<Turn> history = conversation.messageCount() == 0 ? List.of()
                    : messages.recentTurns(conversation.id(), properties.historyMessages());
            // a conversation bound to an agent answers with the agent's prompt, spaces, top-k and texts
            AgentProfile agent = conversationAgents.agentOf(conversation.id()).flatMap(agents::find).orElse(null);
            AssistantSettings base = settings.current();
            AssistantSettings assistant = agent == null ? base : new AssistantSettings(base.assistantName(),
                    base.organization(), base.tone(), base.language(), agent.refusedTopics(), base.contact());
            QuestionCondenser.Condensed condensed = condenser.condense(history, ask.question());
            messages.insertTurn(conversation.id(), Ids.newId(), ask.question(), answerId, condensed.question(),
                    Titles.fromQuestion(ask.question()));
            running.add(run);
            keepAlive.register(sink);
            sink.onGone(() -> run.cancel("cancelled"));

            String refused = assistant.refusedTopicIn(ask.question());
            if (refused != null) {
                run.answerWithoutModel(refusal(assistant), "refused");
                return run;
            }
            List<UUID> spaceIds = agent != null && conversation.spaceIds().isEmpty() ? agent.spaceIds() : conversation.spaceIds();
            List<SearchHit> hits = retrieve(condensed.question(), spaceIds, agent == null ? properties.topK() : agent.topK());
            RelevanceGate.Verdict verdict = gate.judge(condensed.question(), hits);
            if (!verdict.relevant()) {
                log.debug("No answer: top score {}, coverage {}", verdict.topScore(), verdict.coverage());
                run.answerWithoutModel(agent != null && agent.noAnswerText() != null ? agent.noAnswerText()
                        : noAnswer(assistant), "stop");
                return run;
            }
            List<Source> sources = prompts.sources(verdict.usable());
            ModelRequest request = prompts.request(assistant, conversation.locale(), history, sources, ask.question(),
                    condensed.question());
            if (agent != null) {
                request = prompts.withSystemPrompt(request, agent.systemPrompt() + "\n\n" + prompts.systemPrompt(assistant,
                        conversation.locale()));
            }
            run.sources = sources;
            run.contactHint = assistant.contact();
            run.inputEstimate = request.messages().stream().mapToInt(m -> Tokens.estimate(m.content())).sum();
            run.attach(models.stream(request, run));
        } catch (ModelException e) {
            run.onError(e);
        } catch (RuntimeException e) {
            log.error("Answering failed", e);
            run.fail("internal_error", "Bei der Beantwortung ist ein interner Fehler aufgetreten.");
        }
        return run;
    }

    private List<SearchHit> retrieve(String question, List<UUID> spaceIds, int topK) {
        KnowledgeSearch knowledge = search.getIfAvailable();
        if (knowledge == null) {
            return List.of(); // no knowledge module in this deployment: nothing to ground on
        }
        return knowledge.search(SearchQuery.of(question, spaceIds, topK)).hits();
    }

    static String noAnswer(AssistantSettings s) {
        return "Dazu habe ich in den mir vorliegenden Informationen leider keine verlässliche Antwort gefunden. "
                + "Bitte wenden Sie sich an " + s.contact() + ".";
    }

    static String refusal(AssistantSettings s) {
        return "Zu diesem Thema kann ich leider keine Auskunft geben. Bitte wenden Sie sich an " + s.contact() + ".";
    }

    static String errorMessage(String code) {
        return switch (code) {
            case "rate_limited", "budget_exceeded" ->
                    "Der Assistent ist gerade ausgelastet. Bitte versuchen Sie es in Kürze erneut.";
            case "timeout" -> "Die Antwort hat zu lange gedauert. Bitte versuchen Sie es erneut.";
            case "provider_unavailable" -> "Das Sprachmodell ist derzeit nicht erreichbar. Bitte versuchen Sie es später erneut.";
            case "malformed_response" -> "Das Sprachmodell hat eine fehlerhafte Antwort geliefert. Bitte versuchen Sie es erneut.";
            default -> "Die Antwort konnte nicht erzeugt werden. Bitte versuchen Sie es erneut.";
        };
    }

    /** One answer in flight. Callbacks may come from any thread; exactly one of finish/fail/cancel wins. */
    public final class Run implements StreamHandler {

        private final TenantRef tenant;
        private final UUID conversationId;
        private final UUID messageId;
        private final String channel;
        private final long receivedNanos;
        private final AnswerSink sink;
        private final Consumer<Chat.AnswerSummary> onFinished;
        private final String question;
        private final StringBuilder text = new StringBuilder();
        private final AtomicBoolean started = new AtomicBoolean();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicReference<ModelStream> stream = new AtomicReference<>();
        private final CompletableFuture<Chat.AnswerSummary> result = new CompletableFuture<>();
        private volatile List<Source> sources = List.of();
        private volatile int inputEstimate;
        private volatile String provider;
        private volatile String model;
        private volatile long firstDeltaNanos;
        private volatile boolean noAnswer;
        private volatile String contactHint;

        Run(TenantRef tenant, UUID conversationId, UUID messageId, String channel, long receivedNanos, AnswerSink sink,
                Consumer<Chat.AnswerSummary> onFinished, String question) {
            this.tenant = tenant;
            this.question = question;
            this.conversationId = conversationId;
            this.messageId = messageId;
            this.channel = channel;
            this.receivedNanos = receivedNanos;
            this.sink = sink;
            this.onFinished = onFinished;
        }

        public UUID messageId() {
            return messageId;
        }

        public UUID conversationId() {
            return conversationId;
        }

        UUID tenantId() {
            return tenant.id();
        }

        /** Completes when the answer is finished, stopped, cancelled or failed. */
        public CompletableFuture<Chat.AnswerSummary> result() {
            return result;
        }

        /** True once the answer is decided (before its last events are sent). */
        public boolean isFinished() {
            return finished.get();
        }

        void attach(ModelStream s) {
            stream.set(s);
            if (finished.get() && s != null) {
                s.cancel(); // cancelled while the stream was being opened
            }
        }

        void answerWithoutModel(String answer, String finishReason) {
            noAnswer = true;
            onStart(null, null);
            onDelta(answer);
            finish(finishReason, null);
        }

        @Override
        public void onStart(String provider, String model) {
            if (provider != null) {
                this.provider = provider;
            }
            if (model != null) {
                this.model = model;
            }
            sendStart();
        }

        private void sendStart() {
            if (started.compareAndSet(false, true)) {
                sink.send("start", new StreamEvents.Start(conversationId, messageId, model));
            }
        }

        @Override
        public void onDelta(String delta) {
            if (finished.get() || delta == null || delta.isEmpty()) {
                return;
            }
            sendStart();
            synchronized (text) {
                text.append(delta);
            }
            if (firstDeltaNanos == 0) {
                firstDeltaNanos = System.nanoTime();
            }
            if (!sink.send("delta", new StreamEvents.Delta(delta))) {
                cancel("cancelled");
            }
        }

        @Override
        public void onComplete(ModelResponse response) {
            if (response.provider() != null) {
                provider = response.provider();
            }
            if (response.model() != null) {
                model = response.model();
            }
            synchronized (text) {
                // a provider that answered without streaming deltas still delivers its text here
                if (text.isEmpty() && response.text() != null && !response.text().isEmpty()) {
                    sendStart();
                    onDelta(response.text());
                }
            }
            String reason = response.finishReason() == null || "no_answer".equals(response.finishReason()) ? "stop"
                    : response.finishReason();
            finish(reason, response.usage());
        }

        @Override
        public void onError(ModelException error) {
            if ("cancelled".equals(error.code()) && finished.get()) {
                return;
            }
            log.info("Model stream failed for message {}: {} {}", messageId, error.code(), error.getMessage());
            fail(error.code(), errorMessage(error.code()));
        }

        /** Stops generation: {@code stopped} (the user asked; the answer so far is closed normally) or {@code cancelled} (client gone). */
        void cancel(String reason) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            try {
                complete(reason, null, "incomplete", "stopped".equals(reason), null);
            } finally {
                // only now: cancelling may interrupt the calling thread (the gateway's reader), which must not
                // break storing the answer
                ModelStream s = stream.get();
                if (s != null) {
                    try {
                        s.cancel();
                    } catch (RuntimeException e) {
                        log.debug("Cancelling the model stream failed", e);
                    }
                }
            }
        }

        private void finish(String finishReason, ModelResponse.TokenUsage usage) {
            if (finished.get()) {
                return;
            }
            if (!noAnswer && contactHint != null) {
                String raw;
                synchronized (text) {
                    raw = text.toString();
                }
                if (CitationMapper.citations(raw, sources).isEmpty() && !raw.contains(contactHint)) {
                    // the model found nothing to cite: say so and point to the tenant's contact, as the no-answer does
                    onDelta((raw.isBlank() || raw.endsWith(" ") ? "" : " ") + "Bitte wenden Sie sich an " + contactHint + ".");
                }
            }
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            complete(finishReason, usage, "complete", true, null);
        }

        void fail(String code, String message) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            boolean partial;
            synchronized (text) {
                partial = !text.isEmpty();
            }
            complete(partial ? "incomplete" : "error", null, partial ? "incomplete" : "error", false,
                    new StreamEvents.Error(code, message));
        }

        private void complete(String finishReason, ModelResponse.TokenUsage usage, String status, boolean sendEnd,
                StreamEvents.Error error) {
            long now = System.nanoTime();
            long latencyMs = (now - receivedNanos) / 1_000_000;
            Long ttftMs = firstDeltaNanos == 0 ? null : (firstDeltaNanos - receivedNanos) / 1_000_000;
            String raw;
            synchronized (text) {
                raw = text.toString();
            }
            List<Source> used = sources;
            String content = CitationMapper.withoutUnknownMarkers(raw, used);
            List<Chat.Citation> citations = CitationMapper.citations(content, used);
            // grounded means cited: a model answer that cites none of the sources counts as no answer
            boolean isNoAnswer = noAnswer || (error == null && "complete".equals(status) && citations.isEmpty());
            int in = usage != null && usage.inputTokens() > 0 ? usage.inputTokens() : inputEstimate;
            int out = usage != null && usage.outputTokens() > 0 ? usage.outputTokens() : Tokens.estimate(raw);
            Chat.AnswerSummary summary = new Chat.AnswerSummary(conversationId, messageId, content, citations,
                    isNoAnswer, model, in, out, latencyMs, finishReason);
            // an interrupt left on this thread (a cancelled provider read) would make the connection pool refuse
            boolean interrupted = Thread.interrupted();
            try {
                TenantContext.runAs(tenant, () -> {
                    messages.finish(messageId, new Messages.Outcome(content, citations, isNoAnswer, provider, model, in,
                            out, latencyMs, ttftMs, finishReason, status));
                    events.messageAnswered(new MessageAnswered(tenant.id(), conversationId, messageId, channel, provider,
                            model, latencyMs, ttftMs, in, out, citations.size(), isNoAnswer, finishReason, Instant.now(),
                            question, citations.stream().map(c -> new MessageAnswered.CitedSource(c.documentId(),
                                    c.title(), c.url())).toList()));
                });
            } catch (RuntimeException e) {
                log.error("Storing answer {} failed", messageId, e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                if (error != null) {
                    sink.send("error", error);
                } else if (sendEnd) {
                    sink.send("citations", new StreamEvents.Citations(citations));
                    sink.send("end", new StreamEvents.End(messageId, finishReason, new StreamEvents.Usage(in, out),
                            latencyMs, isNoAnswer));
                }
            } finally {
                sink.close();
                keepAlive.unregister(sink);
                running.remove(Run.this);
            }
            if (onFinished != null) {
                try {
                    onFinished.accept(summary);
                } catch (RuntimeException e) {
                    log.warn("onFinished callback failed", e);
                }
            }
            result.complete(summary);
        }
    }
}
