package de.wattos.chat.internal;

import de.wattos.character.AgentProfile;
import de.wattos.character.Agents;
import de.wattos.chat.Chat;
import de.wattos.chat.ConversationResponder;
import de.wattos.chat.MessageAnswered;
import de.wattos.knowledge.ExternalKnowledgeSource;
import de.wattos.knowledge.ExternalPassage;
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
import de.wattos.platform.TenantMetricLabels;
import de.wattos.platform.TenantRef;
import de.wattos.platform.text.Language;
import de.wattos.platform.text.PersonalData;
import de.wattos.platform.text.QuestionFocus;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /** Curated articles considered per question: few, since each one that answers is put before crawled text. */
    private static final int CURATED_TOP_K = 3;
    /** Passages asked of an external source (F13) per question; they come after the tenant's own hits. */
    private static final int EXTERNAL_TOP_K = 5;
    /** Beyond the source's own timeout: the ask path waits at most this much longer, then answers without it. */
    private static final long EXTERNAL_GRACE_MS = 200;
    private static final int EXTERNAL_SNIPPET_CHARS = 240;

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
    private final ChatTexts texts;

    private final Agents agents;
    private final ConversationAgents conversationAgents;
    private final ObjectProvider<ConversationResponder> responders;
    private final ObservationRegistry observations;
    private final TenantMetricLabels tenantLabels;
    private final ObjectProvider<ExternalKnowledgeSource> externalSources;

    Answering(ChatProperties properties, Messages messages, ChatEventLog events, ObjectProvider<KnowledgeSearch> search,
            LanguageModels models, AssistantSettingsSource settings, RunningAnswers running, KeepAlive keepAlive,
            ChatTexts texts, Agents agents, ConversationAgents conversationAgents,
            ObjectProvider<ConversationResponder> responders, ObjectProvider<ObservationRegistry> observations,
            TenantMetricLabels tenantLabels, ObjectProvider<ExternalKnowledgeSource> externalSources) {
        this.externalSources = externalSources;
        this.tenantLabels = tenantLabels;
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        this.agents = agents;
        this.responders = responders;
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
        this.texts = texts;
    }

    /**
     * A validated question to a conversation of the current tenant. {@code priorTurns}: earlier turns the caller
     * brought along (they come before the conversation's stored ones); {@code instructions}: the caller's system
     * message, added to the assistant's own prompt (never replacing its grounding rules).
     */
    public record Ask(Conversations.Conversation conversation, String question, String channel, long receivedNanos,
            Consumer<Chat.AnswerSummary> onFinished, List<Turn> priorTurns, String instructions) {

        public Ask {
            priorTurns = priorTurns == null ? List.of() : List.copyOf(priorTurns);
        }

        public Ask(Conversations.Conversation conversation, String question, String channel, long receivedNanos,
                Consumer<Chat.AnswerSummary> onFinished) {
            this(conversation, question, channel, receivedNanos, onFinished, List.of(), null);
        }
    }

    /**
     * Starts answering; events go to {@code sink}. Returns once the model stream is running (or the answer is
     * already complete, e.g. for a no-answer). Never throws: failures become an {@code error} event.
     */
    Run start(Ask ask, AnswerSink sink) {
        TenantRef tenant = TenantContext.current();
        Conversations.Conversation conversation = ask.conversation();
        UUID answerId = Ids.newId();
        String language = language(ask.question(), conversation.locale());
        Run run = new Run(tenant, conversation.id(), answerId, ask.channel(), ask.receivedNanos(), sink, ask.onFinished(),
                language, ask.question());
        try {
            List<Turn> stored = conversation.messageCount() == 0 ? List.of()
                    : messages.recentTurns(conversation.id(), properties.historyMessages());
            List<Turn> history = priorThenStored(ask.priorTurns(), stored, properties.historyMessages());
            UUID boundAgent = conversationAgents.agentOf(conversation.id()).orElse(null);
            ConversationResponder responder = responders.getIfAvailable();
            ConversationResponder.Handling handling = responder == null ? ConversationResponder.Handling.CHAT
                    : responder.handling(conversation.id(), boundAgent, ask.question());
            if (handling == ConversationResponder.Handling.STAFF) {
                // a person has the conversation: the citizen's words go to them, nobody answers automatically
                UUID questionId = Ids.newId();
                messages.insertPosted(conversation.id(), questionId, "user", null, ask.question(), List.of(),
                        Titles.fromQuestion(ask.question()));
                events.messagePosted(conversation.id(), questionId, "user", null);
                responder.citizenWrote(conversation.id(), questionId);
                run.passedToStaff();
                return run;
            }
            // a conversation bound to an agent answers with the agent's prompt, spaces, top-k and texts
            AgentProfile agent = boundAgent == null ? null : agents.find(boundAgent).orElse(null);
            // an agent speaks as its own character (name, tone, contact), not as the tenant's default one
            AssistantSettings base = agent != null && agent.character() != null ? settings.of(agent.character())
                    : settings.current();
            AssistantSettings assistant = agent == null ? base : new AssistantSettings(base.assistantName(),
                    base.organization(), base.tone(), base.language(), agent.refusedTopics(), base.contact(),
                    base.contactDetails(), agent.refusalText() != null ? agent.refusalText() : base.refusalText());
            // personal data never counts as question content: searched, judged and condensed without it
            String asked = PersonalData.redact(ask.question());
            QuestionCondenser.Condensed condensed = condenser.condense(history, asked);
            messages.insertTurn(conversation.id(), Ids.newId(), ask.question(), answerId, condensed.question(),
                    Titles.fromQuestion(ask.question()));
            running.add(run);
            keepAlive.register(sink);
            sink.onGone(() -> run.cancel("cancelled"));
            if (handling == ConversationResponder.Handling.RESPONDER) {
                // the agent run loop answers (tools, approvals, handoff); it may take a while, so not on this thread
                ConversationResponder.Turn turn = new ConversationResponder.Turn(conversation.id(), answerId, boundAgent,
                        ask.question(), language, ask.channel(),
                        history.stream().map(t -> new ConversationResponder.Said(t.fromUser(), t.content())).toList());
                Thread.ofVirtual().name("chat-responder").start(() -> TenantContext.runAs(tenant,
                        () -> run.respondWith(responder, turn)));
                return run;
            }

            String refused = assistant.refusedTopicIn(ask.question());
            if (refused != null) {
                // the character's own wording (its form of address, du or Sie) is German; other languages use the bundle
                String refusal = Language.GERMAN.equals(language) && assistant.refusalText() != null
                        && !assistant.refusalText().isBlank() ? assistant.refusalText()
                        : texts.refusal(language, assistant.contactDetails(), assistant.contact());
                run.answerWithoutModel(refusal, "refused");
                return run;
            }
            List<UUID> spaceIds = agent != null && conversation.spaceIds().isEmpty() ? agent.spaceIds() : conversation.spaceIds();
            Observation retrieval = Observation.createNotStarted("wattos.chat.retrieve", observations)
                    .lowCardinalityKeyValue("channel", String.valueOf(ask.channel()))
                    .lowCardinalityKeyValue("tenant", tenantLabels.of(tenant)).start();
            List<SearchHit> hits;
            List<SearchHit> curatedHits;
            // external sources (F13) are asked alongside the own retrieval, so they add at most their timeout
            List<PendingExternal> external = startExternal(tenant, condensed.question());
            try (Observation.Scope ignored = retrieval.openScope()) {
                UUID persona = agent == null ? null : agent.personaId();
                hits = retrieve(condensed.question(), spaceIds, agent == null ? properties.topK() : agent.topK(), persona);
                curatedHits = retrieveCurated(condensed.question(), spaceIds, persona);
                retrieval.highCardinalityKeyValue("hits", String.valueOf(hits.size() + curatedHits.size()));
            } catch (RuntimeException e) {
                retrieval.error(e);
                throw e;
            } finally {
                retrieval.stop();
            }
            QuestionFocus focus = QuestionFocus.of(condensed.question());
            RelevanceGate.Verdict verdict = gate.judge(focus, hits, language);
            RelevanceGate.Verdict curated = gate.judge(focus, curatedHits, language);
            Set<UUID> curatedChunks = new HashSet<>();
            if (curated.relevant()) {
                // an approved article that answers the question comes before crawled text
                curated.usable().forEach(h -> curatedChunks.add(h.chunkId()));
                verdict = curatedFirst(curated, verdict);
            }
            Map<SearchHit, String> origins = new IdentityHashMap<>();
            if (!external.isEmpty()) {
                List<SearchHit> externalHits = awaitExternal(external, origins);
                // the external score's scale is unknown: the question's words alone decide, as for the own hits
                RelevanceGate.Verdict outside = externalHits.isEmpty() ? null
                        : gate.judgeByWords(focus, externalHits, language);
                if (outside != null && outside.relevant()) {
                    verdict = ownThenExternal(verdict, outside);
                }
            }
            run.noAnswerText = agent != null && agent.noAnswerText() != null ? agent.noAnswerText()
                    : texts.noAnswer(language, verdict.nearby(), assistant.contactDetails(), assistant.contact());
            if (!verdict.relevant()) {
                log.debug("No answer: top score {}, coverage {}", verdict.topScore(), verdict.coverage());
                run.answerWithoutModel(run.noAnswerText, "stop");
                return run;
            }
            List<Source> sources = prompts.sources(verdict.usable(), curatedChunks, origins);
            ModelRequest request = prompts.request(assistant, language, history, sources, ask.question(),
                    condensed.question());
            if (agent != null) {
                request = prompts.withSystemPrompt(request, agent.systemPrompt() + "\n\n" + prompts.systemPrompt(assistant,
                        language));
            }
            if (ask.instructions() != null) {
                request = prompts.withCallerInstructions(request, ask.instructions());
            }
            run.sources = sources;
            run.citations = new CitationStream(sources);
            run.inputEstimate = request.messages().stream().mapToInt(m -> Tokens.estimate(m.content())).sum();
            run.traceModel();
            run.attach(models.stream(request, run));
        } catch (ModelException e) {
            run.onError(e);
        } catch (RuntimeException e) {
            log.error("Answering failed", e);
            run.fail("internal_error", texts.error("internal_error", language));
        }
        return run;
    }

    /**
     * The language of the answer: the question's when it clearly is German or English, else the conversation's
     * locale, else German.
     */
    static String language(String question, String locale) {
        String detected = Language.detect(PersonalData.redact(question));
        if (detected != null) {
            return detected;
        }
        String fromLocale = Language.ofLocale(locale);
        return Language.ENGLISH.equals(fromLocale) ? Language.ENGLISH : Language.GERMAN;
    }

    /** {@code persona}: the persona the agent serves (null: none); what is addressed to other personas is left out. */
    private List<SearchHit> retrieve(String question, List<UUID> spaceIds, int topK, UUID persona) {
        KnowledgeSearch knowledge = search.getIfAvailable();
        if (knowledge == null) {
            return List.of(); // no knowledge module in this deployment: nothing to ground on
        }
        return knowledge.search(SearchQuery.of(question, spaceIds, topK).forPersona(persona)).hits();
    }

    /** The caller's turns, then the stored ones, at most {@code limit} of the newest. */
    static List<Turn> priorThenStored(List<Turn> prior, List<Turn> stored, int limit) {
        if (prior.isEmpty()) {
            return stored;
        }
        List<Turn> all = new ArrayList<>(prior);
        all.addAll(stored);
        return all.size() <= limit ? all : List.copyOf(all.subList(all.size() - limit, all.size()));
    }

    /**
     * Approved articles matching the question; the regular search may rank them below crawled pages or miss them.
     * For an agent serving a persona, the articles addressed to that persona come first, then those for everyone;
     * articles addressed only to other personas are never among them.
     */
    private List<SearchHit> retrieveCurated(String question, List<UUID> spaceIds, UUID persona) {
        KnowledgeSearch knowledge = search.getIfAvailable();
        if (knowledge == null) {
            return List.of();
        }
        SearchQuery curated = SearchQuery.of(question, spaceIds, CURATED_TOP_K).curatedOnly().forPersona(persona);
        List<SearchHit> all = knowledge.search(curated).hits();
        if (persona == null) {
            return all;
        }
        List<SearchHit> preferred = new ArrayList<>(knowledge.search(curated.addressedTo(persona)).hits());
        Set<UUID> seen = new HashSet<>();
        preferred.forEach(h -> seen.add(h.chunkId()));
        all.stream().filter(h -> !seen.contains(h.chunkId())).forEach(preferred::add);
        return preferred.size() <= CURATED_TOP_K ? preferred : List.copyOf(preferred.subList(0, CURATED_TOP_K));
    }

    private record PendingExternal(ExternalKnowledgeSource source, CompletableFuture<List<ExternalPassage>> passages,
            long deadlineNanos) {
    }

    /** Starts every external source set up for the tenant; none set up (the usual case): nothing is started. */
    private List<PendingExternal> startExternal(TenantRef tenant, String question) {
        List<PendingExternal> pending = null;
        for (ExternalKnowledgeSource source : externalSources.orderedStream().toList()) {
            Optional<Duration> timeout;
            try {
                timeout = source.timeout();
            } catch (RuntimeException e) {
                log.warn("External knowledge source {} unavailable: {}", source.getClass().getSimpleName(), e.toString());
                continue;
            }
            if (timeout.isEmpty()) {
                continue;
            }
            Duration limit = timeout.get();
            CompletableFuture<List<ExternalPassage>> passages = new CompletableFuture<>();
            Thread.ofVirtual().name("chat-external").start(() -> {
                try {
                    passages.complete(TenantContext.callAs(tenant, () -> source.find(question, EXTERNAL_TOP_K, limit)));
                } catch (Throwable e) {
                    passages.completeExceptionally(e);
                }
            });
            if (pending == null) {
                pending = new ArrayList<>();
            }
            pending.add(new PendingExternal(source, passages, System.nanoTime() + limit.toNanos()));
        }
        return pending == null ? List.of() : pending;
    }

    /**
     * The passages of the external sources as hits, each within its source's timeout (plus a small grace); a source
     * that is late or fails adds nothing and the answer comes from the own hits. {@code origins} learns each hit's source.
     */
    private List<SearchHit> awaitExternal(List<PendingExternal> pending, Map<SearchHit, String> origins) {
        List<SearchHit> out = new ArrayList<>();
        for (PendingExternal p : pending) {
            long waitNanos = Math.max(0, p.deadlineNanos() - System.nanoTime())
                    + TimeUnit.MILLISECONDS.toNanos(EXTERNAL_GRACE_MS);
            List<ExternalPassage> passages;
            try {
                passages = p.passages().get(waitNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                p.passages().cancel(true);
                log.warn("External knowledge source {} did not answer in time; answering from the own knowledge",
                        p.source().getClass().getSimpleName());
                continue;
            } catch (ExecutionException e) {
                log.warn("External knowledge source {} failed: {}", p.source().getClass().getSimpleName(),
                        String.valueOf(e.getCause()));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            for (ExternalPassage passage : passages == null ? List.<ExternalPassage>of() : passages) {
                if (passage == null || passage.text() == null || passage.text().isBlank()) {
                    continue;
                }
                SearchHit hit = externalHit(passage);
                origins.put(hit, passage.source());
                out.add(hit);
            }
        }
        return out;
    }

    static SearchHit externalHit(ExternalPassage p) {
        String text = p.text().strip();
        String snippet = text.length() <= EXTERNAL_SNIPPET_CHARS ? text : text.substring(0, EXTERNAL_SNIPPET_CHARS) + "…";
        String title = p.title() == null || p.title().isBlank() ? p.url() : p.title();
        return new SearchHit(null, null, null, title, p.url(), null, null, snippet, text, 0);
    }

    /** The tenant's own usable passages first (when they answer at all), then the external ones. */
    static RelevanceGate.Verdict ownThenExternal(RelevanceGate.Verdict own, RelevanceGate.Verdict external) {
        List<SearchHit> usable = new ArrayList<>(own.relevant() ? own.usable() : List.of());
        usable.addAll(external.usable());
        return new RelevanceGate.Verdict(true, own.topScore(), Math.max(own.coverage(), external.coverage()), usable,
                own.nearby(), own.focus());
    }

    /** The curated passages first, then the crawled ones that were usable anyway (without repeating a chunk). */
    static RelevanceGate.Verdict curatedFirst(RelevanceGate.Verdict curated, RelevanceGate.Verdict crawled) {
        List<SearchHit> usable = new ArrayList<>(curated.usable());
        Set<UUID> seen = new HashSet<>();
        usable.forEach(h -> seen.add(h.chunkId()));
        crawled.usable().stream().filter(h -> !seen.contains(h.chunkId())).forEach(usable::add);
        return new RelevanceGate.Verdict(true, Math.max(curated.topScore(), crawled.topScore()),
                Math.max(curated.coverage(), crawled.coverage()), usable, crawled.nearby(), crawled.focus());
    }

    /**
     * One answer in flight. Callbacks may come from any thread; exactly one of finish/fail/cancel wins. Model text
     * passes through a {@link CitationStream}: markers are checked and renumbered as they stream; an answer that cites
     * no existing source counts as no answer and gets the honest no-answer text.
     */
    public final class Run implements StreamHandler {

        private final TenantRef tenant;
        private final UUID conversationId;
        private final UUID messageId;
        private final String channel;
        private final long receivedNanos;
        private final AnswerSink sink;
        private final Consumer<Chat.AnswerSummary> onFinished;
        private final String language;
        private final String question;
        private final StringBuilder text = new StringBuilder();
        private final AtomicBoolean started = new AtomicBoolean();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicReference<ModelStream> stream = new AtomicReference<>();
        private final CompletableFuture<Chat.AnswerSummary> result = new CompletableFuture<>();
        private volatile List<Source> sources = List.of();
        private volatile CitationStream citations;
        private volatile int inputEstimate;
        private volatile String provider;
        private volatile String model;
        private volatile long firstDeltaNanos;
        private volatile boolean noAnswer;
        private volatile String noAnswerText;
        private volatile List<Chat.Citation> responderCitations;
        private volatile String author;
        private volatile UUID answeringAgent;
        private volatile boolean silent;
        /** The request's span, parent of the model and stream spans that end on the model's threads. */
        private final Observation requestSpan = observations.getCurrentObservation();
        /** From the model request until its first text (the time to first token). */
        private volatile Observation modelSpan;
        /** From the first text until the answer is complete. */
        private volatile Observation streamSpan;

        Run(TenantRef tenant, UUID conversationId, UUID messageId, String channel, long receivedNanos, AnswerSink sink,
                Consumer<Chat.AnswerSummary> onFinished, String language, String question) {
            this.tenant = tenant;
            this.question = question;
            this.conversationId = conversationId;
            this.messageId = messageId;
            this.channel = channel;
            this.receivedNanos = receivedNanos;
            this.sink = sink;
            this.onFinished = onFinished;
            this.language = language;
        }

        public UUID messageId() {
            return messageId;
        }

        void traceModel() {
            modelSpan = Observation.createNotStarted("wattos.chat.model", observations).parentObservation(requestSpan)
                    .lowCardinalityKeyValue("channel", String.valueOf(channel))
                    .lowCardinalityKeyValue("tenant", tenantLabels.of(tenant)).start();
        }

        /** The model span ends with the first text, the stream span begins there. */
        private void traceFirstText() {
            Observation model = modelSpan;
            if (model == null || streamSpan != null) {
                return;
            }
            if (this.model != null) {
                model.highCardinalityKeyValue("model", this.model);
            }
            model.stop();
            streamSpan = Observation.createNotStarted("wattos.chat.stream", observations).parentObservation(requestSpan)
                    .lowCardinalityKeyValue("channel", String.valueOf(channel))
                    .lowCardinalityKeyValue("tenant", tenantLabels.of(tenant)).start();
        }

        private void traceEnd(MessageStatus status, StreamEvents.Error error) {
            if (modelSpan != null && streamSpan == null) {
                modelSpan.highCardinalityKeyValue("status", status.wire());
                if (error != null) {
                    modelSpan.error(new IllegalStateException(error.code()));
                }
                modelSpan.stop();
            }
            Observation stream = streamSpan;
            if (stream != null) {
                stream.highCardinalityKeyValue("status", status.wire());
                if (error != null) {
                    stream.error(new IllegalStateException(error.code()));
                }
                stream.stop();
            }
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

        /** The citizen's message went to the person who has the conversation: no answer is stored or counted. */
        void passedToStaff() {
            silent = true;
            sendStart();
            finish("with_staff", null);
        }

        /** Another module's responder answers (the agent run loop); its text streams through {@link #emit}. */
        void respondWith(ConversationResponder responder, ConversationResponder.Turn turn) {
            try {
                ConversationResponder.Reply reply = responder.respond(turn, this::emit);
                provider = "agent";
                model = reply.model();
                author = reply.agentName();
                answeringAgent = reply.agentId();
                responderCitations = reply.citations();
                boolean streamed;
                synchronized (text) {
                    streamed = !text.isEmpty();
                }
                if (!streamed) {
                    emit(reply.text());
                }
                noAnswer = reply.outcome() != ConversationResponder.Outcome.ANSWERED;
                String reason = switch (reply.outcome()) {
                    case ANSWERED -> "stop";
                    case AWAITING_APPROVAL -> "awaiting_approval";
                    case HANDED_OVER -> "handed_over";
                    case REFUSED -> "refused";
                    case FAILED -> "error";
                };
                finish(reason, new ModelResponse.TokenUsage(reply.inputTokens(), reply.outputTokens()));
            } catch (RuntimeException e) {
                log.error("The responder failed for message {}", messageId, e);
                fail("internal_error", texts.error("internal_error", language));
            }
        }

        void answerWithoutModel(String answer, String finishReason) {
            noAnswer = true;
            onStart(null, null);
            emit(answer);
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
                sink.send("start", new StreamEvents.Start(conversationId, silent ? null : messageId, model));
            }
        }

        /** Model text: checked and renumbered before it is shown. */
        @Override
        public void onDelta(String delta) {
            if (finished.get() || delta == null || delta.isEmpty()) {
                return;
            }
            sendStart();
            CitationStream c = citations;
            String shown;
            synchronized (text) {
                shown = c == null ? delta : c.accept(delta);
            }
            emit(shown);
        }

        /** Text the citizen sees now. */
        private void emit(String shown) {
            if (finished.get() || shown == null || shown.isEmpty()) {
                return;
            }
            sendStart();
            synchronized (text) {
                text.append(shown);
            }
            if (firstDeltaNanos == 0) {
                firstDeltaNanos = System.nanoTime();
                traceFirstText();
            }
            if (!sink.send("delta", new StreamEvents.Delta(shown))) {
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
            if ("no_answer".equals(response.finishReason())) {
                // the extractive answerer found no unit that answers: say so in the conversation's words
                noAnswer = true;
                emit(noAnswerText);
                finish("stop", response.usage());
                return;
            }
            CitationStream c = citations;
            boolean streamedNothing;
            synchronized (text) {
                streamedNothing = text.isEmpty() && (c == null || !c.received());
                // a provider that answered without streaming deltas still delivers its text here
                if (streamedNothing && c != null && response.text() != null) {
                    c.accept(response.text());
                }
            }
            if (c != null) {
                String rest;
                synchronized (text) {
                    rest = c.finish();
                }
                if (rest == null) {
                    // the model cited none of the sources: not grounded, so its text (held back, never shown) is
                    // replaced by the honest no-answer
                    noAnswer = true;
                    emit(noAnswerText);
                } else {
                    emit(rest);
                }
            } else if (streamedNothing && response.text() != null) {
                emit(response.text());
            }
            String reason = response.finishReason() == null ? "stop" : response.finishReason();
            finish(reason, response.usage());
        }

        @Override
        public void onError(ModelException error) {
            if ("cancelled".equals(error.code()) && finished.get()) {
                return;
            }
            log.info("Model stream failed for message {}: {} {}", messageId, error.code(), error.getMessage());
            fail(error.code(), texts.error(error.code(), language));
        }

        /** Stops generation: {@code stopped} (the user asked; the answer so far is closed normally) or {@code cancelled} (client gone). */
        void cancel(String reason) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            try {
                complete(reason, null, MessageStatus.INCOMPLETE, "stopped".equals(reason), null);
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
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            complete(finishReason, usage, MessageStatus.COMPLETE, true, null);
        }

        void fail(String code, String message) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            boolean partial;
            synchronized (text) {
                partial = !text.isEmpty();
            }
            complete(partial ? "incomplete" : "error", null, partial ? MessageStatus.INCOMPLETE : MessageStatus.ERROR, false,
                    new StreamEvents.Error(code, message));
        }

        private void complete(String finishReason, ModelResponse.TokenUsage usage, MessageStatus status, boolean sendEnd,
                StreamEvents.Error error) {
            traceEnd(status, error);
            long now = System.nanoTime();
            long latencyMs = (now - receivedNanos) / 1_000_000;
            Long ttftMs = firstDeltaNanos == 0 ? null : (firstDeltaNanos - receivedNanos) / 1_000_000;
            String content;
            synchronized (text) {
                content = text.toString();
            }
            CitationStream c = citations;
            List<Chat.Citation> fixed = responderCitations;
            List<Chat.Citation> cited = fixed != null ? fixed : noAnswer || c == null ? List.of() : c.citations();
            // grounded means cited: an answer that cites none of the sources counts as no answer
            boolean isNoAnswer = noAnswer || (error == null && status == MessageStatus.COMPLETE && cited.isEmpty());
            int in = usage != null && usage.inputTokens() > 0 ? usage.inputTokens() : inputEstimate;
            int out = usage != null && usage.outputTokens() > 0 ? usage.outputTokens() : Tokens.estimate(content);
            Chat.AnswerSummary summary = new Chat.AnswerSummary(conversationId, silent ? null : messageId, content, cited,
                    isNoAnswer, model, in, out, latencyMs, finishReason);
            // an interrupt left on this thread (a cancelled provider read) would make the connection pool refuse
            boolean interrupted = Thread.interrupted();
            try {
                TenantContext.runAs(tenant, () -> {
                    if (silent) {
                        return;
                    }
                    if (author != null) {
                        messages.setAuthor(messageId, author);
                    }
                    messages.finish(messageId, new Messages.Outcome(content, cited, isNoAnswer, provider, model, in,
                            out, latencyMs, ttftMs, finishReason, status));
                    events.messageAnswered(new MessageAnswered(tenant.id(), conversationId, messageId, channel, provider,
                            model, latencyMs, ttftMs, in, out, cited.size(), isNoAnswer, finishReason, Instant.now(),
                            question, cited.stream().map(x -> new MessageAnswered.CitedSource(x.documentId(),
                                    x.title(), x.url())).toList()));
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
                    sink.send("citations", new StreamEvents.Citations(cited));
                    sink.send("end", new StreamEvents.End(silent ? null : messageId, finishReason,
                            new StreamEvents.Usage(in, out), latencyMs, isNoAnswer, author, answeringAgent));
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
