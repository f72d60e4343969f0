package de.wattos.chat.internal;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.character.Agents;
import de.wattos.chat.AnswerStream;
import de.wattos.chat.Chat;
import de.wattos.chat.ConversationStarted;
import de.wattos.chat.ConversationsErased;
import de.wattos.chat.FeedbackGiven;
import de.wattos.knowledge.KnowledgeSpaces;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Ids;
import de.wattos.platform.Page;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** The chat module's operations (the {@link Chat} contract plus what the REST API needs). Tenant from {@link TenantContext}. */
@Service
public class ChatService implements Chat {

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern LOCALE = Pattern.compile("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*");
    private static final int MAX_TITLE = 200;

    private final ChatProperties properties;
    private final Conversations conversations;
    private final Messages messages;
    private final Feedbacks feedbacks;
    private final ChatEventLog events;
    private final Answering answering;
    private final RunningAnswers running;
    private final ObjectProvider<KnowledgeSpaces> spaces;
    private final DomainEvents bus;

    private final Agents agents;
    private final ConversationAgents conversationAgents;

    ChatService(ChatProperties properties, Conversations conversations, Messages messages, Feedbacks feedbacks,
            ChatEventLog events, Answering answering, RunningAnswers running, ObjectProvider<KnowledgeSpaces> spaces,
            DomainEvents bus, Agents agents, ConversationAgents conversationAgents) {
        this.agents = agents;
        this.conversationAgents = conversationAgents;
        this.properties = properties;
        this.conversations = conversations;
        this.messages = messages;
        this.feedbacks = feedbacks;
        this.events = events;
        this.answering = answering;
        this.running = running;
        this.spaces = spaces;
        this.bus = bus;
    }

    // ---- conversations

    @Override
    public UUID startConversation(List<UUID> spaceIds, String title, String channel, String locale, Origin origin) {
        UUID agentId = origin == null ? null : origin.agentId();
        if (agentId != null && agents.find(agentId).isEmpty()) {
            throw ApiException.notFound("Agent");
        }
        List<UUID> spaceList = spaceIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(spaceIds));
        KnowledgeSpaces knowledge = spaces.getIfAvailable();
        for (UUID space : spaceList) {
            if (space == null || knowledge == null || !knowledge.exists(space)) {
                throw ApiException.invalidField("spaceIds", "unknown knowledge space: " + space);
            }
        }
        String ch = channel == null || channel.isBlank() ? "api" : channel.strip().toLowerCase();
        if (!CHANNEL.matcher(ch).matches()) {
            throw ApiException.invalidField("channel", "lower-case letters, digits, '-' and '_', at most 32 characters");
        }
        String loc = locale == null || locale.isBlank() ? defaultLocale() : locale.strip();
        if (!LOCALE.matcher(loc).matches() || loc.length() > 20) {
            throw ApiException.invalidField("locale", "a language tag such as de or de-DE");
        }
        String t = title == null || title.isBlank() ? null : title.strip();
        if (t != null && t.length() > MAX_TITLE) {
            throw ApiException.invalidField("title", "at most " + MAX_TITLE + " characters");
        }
        UUID id = Ids.newId();
        conversations.insert(id, t, ch, loc, spaceList, CurrentActor.get().label());
        if (agentId != null) {
            conversationAgents.bind(id, agentId);
        }
        Origin from = origin == null ? Origin.NONE : origin;
        events.conversationStarted(new ConversationStarted(TenantContext.currentId(), id, ch, loc, spaceList, Instant.now(),
                from.widgetId(), from.visitorId(), from.agentId()));
        return id;
    }

    private static String defaultLocale() {
        String l = TenantContext.current().locale();
        return l == null || l.isBlank() ? "de" : l;
    }

    @Override
    public boolean exists(UUID conversationId) {
        return conversationId != null && conversations.exists(conversationId);
    }

    public Conversations.Page list(int page, int size, String channel) {
        Page.check(page, size);
        return conversations.list(page, size, channel == null || channel.isBlank() ? null : channel);
    }

    public Conversations.Conversation conversation(UUID id) {
        return conversations.find(id).orElseThrow(() -> ApiException.notFound("Conversation"));
    }

    public List<Messages.Message> messagesOf(UUID conversationId) {
        conversation(conversationId);
        return messages.ofConversation(conversationId);
    }

    public void deleteConversation(UUID id) {
        // an answer still being generated finishes on its own; its final update then finds no row
        if (!conversations.delete(id)) {
            throw ApiException.notFound("Conversation");
        }
        bus.publish(DomainEvent.of(EventDomain.CHANNEL, "conversation.deleted", DomainEvent.Subject.of("conversation", id), Map.of()));
        // what other modules keep of it (agent runs, the widget's visitor records) goes too
        bus.publish(new ConversationsErased(TenantContext.currentId(), List.of(id), Instant.now()));
    }

    // ---- answering

    /** Validates a question; 400 for empty or over-long content, 404 for an unknown conversation. */
    public Answering.Ask prepare(UUID conversationId, String content, AskOptions options) {
        long received = System.nanoTime();
        String question = content == null ? "" : content.strip();
        if (question.isEmpty()) {
            throw ApiException.invalidField("content", "must not be empty");
        }
        if (question.length() > properties.maxMessageLength()) {
            throw ApiException.invalidField("content", "at most " + properties.maxMessageLength() + " characters");
        }
        Conversations.Conversation conversation = conversation(conversationId);
        AskOptions o = options == null ? AskOptions.DEFAULT : options;
        String channel = o.channel() == null ? conversation.channel() : o.channel();
        return new Answering.Ask(conversation, question, channel, received, o.onFinished(),
                o.history().stream().map(t -> new Turn(t.fromUser(), t.content())).toList(), o.instructions());
    }

    @Override
    public AnswerSummary ask(UUID conversationId, String content, AskOptions options) {
        return ask(prepare(conversationId, content, options));
    }

    public AnswerSummary ask(Answering.Ask ask) {
        CollectingSink sink = new CollectingSink();
        Answering.Run run = answering.start(ask, sink);
        AnswerSummary summary;
        try {
            summary = run.result().get(properties.streamTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel("timeout");
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "timeout", "The answer took too long");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel("cancelled");
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "cancelled", "The request was interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        StreamEvents.Error error = sink.error();
        if (error != null) {
            HttpStatus status = switch (error.code()) {
                case "timeout" -> HttpStatus.GATEWAY_TIMEOUT;
                case "rate_limited", "budget_exceeded", "provider_unavailable" -> HttpStatus.SERVICE_UNAVAILABLE;
                case "internal_error" -> HttpStatus.INTERNAL_SERVER_ERROR;
                default -> HttpStatus.BAD_GATEWAY;
            };
            throw new ApiException(status, error.code(), error.message(), List.of(),
                    Map.of("messageId", summary.messageId().toString(), "finishReason", summary.finishReason()));
        }
        return summary;
    }

    @Override
    public void askStreaming(UUID conversationId, String content, AskOptions options, AnswerStream stream) {
        answering.start(prepare(conversationId, content, options), AnswerSink.of(stream));
    }

    /** Starts a prepared answer on any stream (SSE, the WebSocket). */
    public Answering.Run start(Answering.Ask ask, AnswerStream stream) {
        return answering.start(ask, AnswerSink.of(stream));
    }

    /**
     * Stops a generation of the current tenant, on whichever instance generates it; false if it is not being
     * generated (anymore).
     */
    public boolean stop(UUID messageId) {
        Messages.MessageRef ref = messages.findRef(messageId).orElseThrow(() -> ApiException.notFound("Message"));
        return running.stop(TenantContext.currentId(), ref.id(), ref.status() == MessageStatus.STREAMING);
    }

    /** Stops a generation that must belong to the given conversation. */
    public boolean stop(UUID conversationId, UUID messageId) {
        Messages.MessageRef ref = messages.findRef(messageId).orElseThrow(() -> ApiException.notFound("Message"));
        if (!ref.conversationId().equals(conversationId)) {
            throw ApiException.notFound("Message");
        }
        return stop(messageId);
    }

    // ---- messages outside the ask path (later answers, a person's replies)

    @Override
    public UUID post(UUID conversationId, Speaker speaker, String author, String content, List<Citation> citations) {
        if (speaker == null) {
            throw ApiException.invalidField("speaker", "must be given");
        }
        String text = content == null ? "" : content.strip();
        if (text.isEmpty()) {
            throw ApiException.invalidField("content", "must not be empty");
        }
        if (text.length() > properties.maxMessageLength()) {
            throw ApiException.invalidField("content", "at most " + properties.maxMessageLength() + " characters");
        }
        conversation(conversationId);
        UUID id = Ids.newId();
        messages.insertPosted(conversationId, id, speaker.wire(), author, text, citations == null ? List.of() : citations, null);
        events.messagePosted(conversationId, id, speaker.wire(), author);
        return id;
    }

    @Override
    public java.util.Optional<Posted> message(UUID conversationId, UUID messageId) {
        return messages.find(messageId).filter(m -> m.conversationId().equals(conversationId)).map(ChatService::posted);
    }

    @Override
    public String language(UUID conversationId) {
        Conversations.Conversation c = conversation(conversationId);
        List<Messages.Message> all = messagesOf(conversationId);
        for (int i = all.size() - 1; i >= 0; i--) {
            Messages.Message m = all.get(i);
            if ("user".equals(m.role()) && m.content() != null && !m.content().isBlank()) {
                return Answering.language(m.content(), c.locale());
            }
        }
        return Answering.language("", c.locale());
    }

    @Override
    public List<Posted> transcript(UUID conversationId) {
        return messagesOf(conversationId).stream().filter(m -> m.status() != MessageStatus.STREAMING && m.content() != null
                && !m.content().isBlank()).map(ChatService::posted).toList();
    }

    private static Posted posted(Messages.Message m) {
        return new Posted(m.id(), m.conversationId(), m.role(), m.author(), m.content(), m.citations(), m.createdAt());
    }

    // ---- feedback

    @Override
    public void feedback(UUID messageId, String rating, String comment, Boolean solved) {
        String r = rating == null ? "" : rating.strip().toLowerCase();
        if (!r.equals("up") && !r.equals("down")) {
            throw ApiException.invalidField("rating", "up or down");
        }
        String c = comment == null || comment.isBlank() ? null : comment.strip();
        if (c != null && c.length() > 2000) {
            throw ApiException.invalidField("comment", "at most 2000 characters");
        }
        Messages.MessageRef ref = messages.findRef(messageId).orElseThrow(() -> ApiException.notFound("Message"));
        if (!"assistant".equals(ref.role())) {
            throw ApiException.badRequest("not_an_answer", "Feedback is given on assistant messages only");
        }
        UUID id = Ids.newId();
        feedbacks.insert(id, messageId, r, c, solved, CurrentActor.get().label());
        events.feedbackGiven(new FeedbackGiven(TenantContext.currentId(), ref.conversationId(), messageId, r, solved,
                c != null, Instant.now(), id));
    }
}
