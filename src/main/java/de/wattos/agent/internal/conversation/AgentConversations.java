package de.wattos.agent.internal.conversation;

import de.wattos.agent.internal.run.AgentRun;
import de.wattos.agent.internal.run.AgentRunner;
import de.wattos.agent.internal.run.ConversationReplies;
import de.wattos.character.AgentProfile;
import de.wattos.character.Agents;
import de.wattos.chat.ConversationResponder;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Chat conversations bound to an agent are answered by the agent run loop (tools, policies, approvals, handoff);
 * the answer streams into the chat's own events.
 */
@Component
class AgentConversations implements ConversationResponder {

    private final AgentRunner runner;
    private final Agents agents;

    AgentConversations(AgentRunner runner, Agents agents) {
        this.runner = runner;
        this.agents = agents;
    }

    @Override
    public Handling handling(UUID conversationId, UUID agentId) {
        return agentId == null ? Handling.CHAT : Handling.RESPONDER;
    }

    @Override
    public Reply respond(Turn turn, Consumer<String> deltas) {
        AgentRun run = runner.run(turn.agentId(), turn.conversationId(), turn.question(), turn.history(), deltas);
        String name = run.agentId() == null ? null : agents.find(run.agentId()).map(AgentProfile::name).orElse(null);
        return new Reply(outcome(run), run.answer(), ConversationReplies.citations(run.citations()), run.agentId(), name,
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
