package de.wattos.agent.internal.run;

import de.wattos.agent.internal.handoff.HandoffDesk;
import de.wattos.agent.internal.tool.spi.ToolSource;
import de.wattos.character.AgentProfile;
import de.wattos.character.Agents;
import de.wattos.chat.Chat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A run of a chat conversation that ends later than its turn (a person approved, denied, or the approval expired)
 * still answers the citizen: its answer is posted into the conversation, where the widget shows it live.
 */
@Component
public class ConversationReplies {

    private static final Logger log = LoggerFactory.getLogger(ConversationReplies.class);

    private final Chat chat;
    private final Agents agents;
    private final HandoffDesk desk;

    ConversationReplies(Chat chat, Agents agents, HandoffDesk desk) {
        this.chat = chat;
        this.agents = agents;
        this.desk = desk;
    }

    void postLate(AgentRun run) {
        if (run.conversationId() == null || run.answer() == null || run.status() == RunStatus.AWAITING_APPROVAL) {
            return;
        }
        try {
            String text = run.status() == RunStatus.HANDED_OVER
                    ? desk.request(run.conversationId(), run.id(), run.agentId(),
                            run.errorCode() == null ? "citizen_request" : run.errorCode()).message()
                    : run.answer();
            chat.post(run.conversationId(), Chat.Speaker.ASSISTANT, agentName(run), text, citations(run.citations()));
        } catch (RuntimeException e) {
            // the conversation may have been deleted meanwhile; the run keeps its answer either way
            log.info("Could not post the late answer of run {}: {}", run.id(), e.getMessage());
        }
    }

    String agentName(AgentRun run) {
        return run.agentId() == null ? null : agents.find(run.agentId()).map(AgentProfile::name).orElse(null);
    }

    public static List<Chat.Citation> citations(List<ToolSource> sources) {
        return sources.stream().map(s -> new Chat.Citation(s.n(), s.title(), s.url(), s.headingPath(), null, s.snippet(),
                s.documentId(), s.chunkId())).toList();
    }
}
