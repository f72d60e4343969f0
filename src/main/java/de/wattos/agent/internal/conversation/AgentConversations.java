package de.wattos.agent.internal.conversation;

import de.wattos.agent.internal.handoff.HandoffDesk;
import de.wattos.agent.internal.run.AgentRun;
import de.wattos.agent.internal.run.AgentRunner;
import de.wattos.agent.internal.run.ConversationReplies;
import de.wattos.agent.internal.run.HandoffIntent;
import de.wattos.agent.internal.run.RunStatus;
import de.wattos.agent.internal.routing.AgentRouter;
import de.wattos.agent.internal.text.AgentTexts;
import de.wattos.character.AgentProfile;
import de.wattos.character.Agents;
import de.wattos.chat.ConversationResponder;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Chat conversations bound to an agent are answered by the agent run loop (tools, policies, approvals, handoff);
 * the answer streams into the chat's own events. A conversation handed to a person is theirs until they end it:
 * the citizen's messages then go to them.
 */
@Component
class AgentConversations implements ConversationResponder {

    private final AgentRunner runner;
    private final Agents agents;
    private final HandoffDesk desk;
    private final AgentRouter router;
    private final AgentTexts texts;

    AgentConversations(AgentRunner runner, Agents agents, HandoffDesk desk, AgentRouter router, AgentTexts texts) {
        this.runner = runner;
        this.agents = agents;
        this.desk = desk;
        this.router = router;
        this.texts = texts;
    }

    @Override
    public Handling handling(UUID conversationId, UUID agentId, String question) {
        if (desk.withPerson(conversationId)) {
            return Handling.STAFF;
        }
        if (agentId != null) {
            return Handling.RESPONDER;
        }
        // a plain chat conversation too hands over when the citizen asks for a person (the widget's button says so)
        return HandoffIntent.asksForPerson(question) ? Handling.RESPONDER : Handling.CHAT;
    }

    @Override
    public void citizenWrote(UUID conversationId, UUID messageId) {
        desk.citizenWrote(conversationId, messageId);
    }

    @Override
    public Reply respond(Turn turn, Consumer<String> deltas) {
        // with several routed agents the question goes to the best fitting one; it reads the whole conversation so far
        Optional<AgentRouter.Decision> routed = router.route(turn.conversationId(), turn.agentId(), turn.question());
        UUID agentId = routed.map(AgentRouter.Decision::agentId).orElse(turn.agentId());
        String note = routed.filter(AgentRouter.Decision::switched)
                .map(d -> texts.get(turn.language(), "agent.routing.switched", d.agentName()) + "\n\n").orElse("");
        AtomicBoolean noted = new AtomicBoolean(note.isEmpty());
        Consumer<String> stream = deltas == null || note.isEmpty() ? deltas : text -> {
            if (noted.compareAndSet(false, true)) {
                deltas.accept(note);
            }
            deltas.accept(text);
        };
        AgentRun run = runner.run(agentId, turn.conversationId(), turn.question(), turn.history(), stream, turn.language());
        String name = run.agentId() == null ? null : agents.find(run.agentId()).map(AgentProfile::name).orElse(null);
        String text = run.answer();
        if (run.status() == RunStatus.HANDED_OVER) {
            String reason = run.errorCode() == null ? "citizen_request" : run.errorCode();
            text = desk.request(turn.conversationId(), run.id(), run.agentId(), reason, turn.language()).message();
        }
        text = note + text;
        return new Reply(outcome(run), text, ConversationReplies.citations(run.citations()), run.agentId(), name,
                run.id(), null, 0, 0, run.errorCode());
    }

    private static Outcome outcome(AgentRun run) {
        return switch (run.status()) {
            case COMPLETED -> "refused_topic".equals(run.errorCode()) || AgentRunner.BUDGET_EXCEEDED.equals(run.errorCode()) ? Outcome.REFUSED
                    : run.errorCode() == null || "step_limit".equals(run.errorCode()) ? Outcome.ANSWERED : Outcome.FAILED;
            case AWAITING_APPROVAL, RUNNING -> Outcome.AWAITING_APPROVAL;
            case HANDED_OVER -> Outcome.HANDED_OVER;
            case FAILED -> Outcome.FAILED;
        };
    }
}
