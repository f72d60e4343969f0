package de.wattos.agent.internal.conversation;

import de.wattos.agent.internal.handoff.HandoffDesk;
import de.wattos.agent.internal.run.AgentRun;
import de.wattos.agent.internal.run.AgentRunner;
import de.wattos.agent.internal.run.ConversationReplies;
import de.wattos.agent.internal.run.HandoffIntent;
import de.wattos.agent.internal.run.RunStatus;
import de.wattos.character.AgentProfile;
import de.wattos.character.Agents;
import de.wattos.chat.ConversationResponder;
import java.util.UUID;
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

    AgentConversations(AgentRunner runner, Agents agents, HandoffDesk desk) {
        this.runner = runner;
        this.agents = agents;
        this.desk = desk;
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
        AgentRun run = runner.run(turn.agentId(), turn.conversationId(), turn.question(), turn.history(), deltas);
        String name = run.agentId() == null ? null : agents.find(run.agentId()).map(AgentProfile::name).orElse(null);
        String text = run.answer();
        if (run.status() == RunStatus.HANDED_OVER) {
            String reason = run.errorCode() == null ? "citizen_request" : run.errorCode();
            text = desk.request(turn.conversationId(), run.id(), run.agentId(), reason).message();
        }
        return new Reply(outcome(run), text, ConversationReplies.citations(run.citations()), run.agentId(), name,
                run.id(), null, 0, 0, run.errorCode());
    }

    private static Outcome outcome(AgentRun run) {
        return switch (run.status()) {
            case COMPLETED -> "refused_topic".equals(run.errorCode()) ? Outcome.REFUSED
                    : run.errorCode() == null || "step_limit".equals(run.errorCode()) ? Outcome.ANSWERED : Outcome.FAILED;
            case AWAITING_APPROVAL, RUNNING -> Outcome.AWAITING_APPROVAL;
            case HANDED_OVER -> Outcome.HANDED_OVER;
            case FAILED -> Outcome.FAILED;
        };
    }
}
