package de.wattos.chat.internal.web;

import de.wattos.chat.Chat;
import de.wattos.chat.internal.ChatService;
import de.wattos.chat.internal.Conversations;
import de.wattos.chat.web.AnswerSse;
import de.wattos.platform.Role;
import de.wattos.platform.TenantRole;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Conversations and messages. The tenant is bound centrally from the path; the {tenant} variable is never read
 * here. Chatting is a read for role purposes (a viewer may use the playground); deleting needs an editor.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class ConversationController {

    private final ChatService chat;

    private final AnswerSse answerSse;

    ConversationController(ChatService chat, AnswerSse answerSse) {
        this.chat = chat;
        this.answerSse = answerSse;
    }

    @PostMapping("/conversations")
    @TenantRole(Role.VIEWER)
    ResponseEntity<ChatViews.Created> start(@RequestBody(required = false) ChatViews.StartConversation body) {
        ChatViews.StartConversation b = body == null ? new ChatViews.StartConversation(null, null, null, null, null) : body;
        UUID id = chat.startConversation(b.spaceIds(), b.title(), b.channel(), b.locale(),
                new Chat.Origin(null, null, b.agentId()));
        return ResponseEntity.created(URI.create("conversations/" + id)).body(new ChatViews.Created(id));
    }

    @GetMapping("/conversations")
    ChatViews.PageView<ChatViews.ConversationView> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String channel) {
        Conversations.Page p = chat.list(page, size, channel);
        return new ChatViews.PageView<>(p.items().stream().map(ChatViews.ConversationView::of).toList(), p.page(),
                p.size(), p.total());
    }

    @GetMapping("/conversations/{id}")
    ChatViews.ConversationDetail get(@PathVariable UUID id) {
        Conversations.Conversation c = chat.conversation(id);
        var messages = chat.messagesOf(id).stream().map(ChatViews.MessageView::of).toList();
        return new ChatViews.ConversationDetail(c.id(), c.title(), c.channel(), c.locale(), c.spaceIds(),
                c.messageCount(), c.createdAt(), c.updatedAt(), messages);
    }

    @DeleteMapping("/conversations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        chat.deleteConversation(id);
    }

    /** Answers as JSON, or with {@code "stream": true} as Server-Sent Events. */
    @PostMapping("/conversations/{id}/messages")
    @TenantRole(Role.VIEWER)
    Object post(@PathVariable UUID id, @RequestBody ChatViews.PostMessage body, HttpServletResponse response) {
        var ask = chat.prepare(id, body.content(), new Chat.AskOptions(null, null));
        if (Boolean.TRUE.equals(body.stream())) {
            response.setHeader("Cache-Control", "no-cache, no-transform");
            response.setHeader("X-Accel-Buffering", "no");
            return answerSse.serve(stream -> chat.start(ask, stream));
        }
        return ResponseEntity.ok(new ChatViews.Answer(ChatViews.MessageView.of(chat.ask(ask))));
    }

    @PostMapping("/conversations/{id}/messages/{messageId}/stop")
    @TenantRole(Role.VIEWER)
    ChatViews.Stopped stop(@PathVariable UUID id, @PathVariable UUID messageId) {
        return new ChatViews.Stopped(messageId, chat.stop(id, messageId));
    }

    @PostMapping("/messages/{messageId}/stop")
    @TenantRole(Role.VIEWER)
    ChatViews.Stopped stop(@PathVariable UUID messageId) {
        return new ChatViews.Stopped(messageId, chat.stop(messageId));
    }

    @PostMapping("/messages/{messageId}/feedback")
    @TenantRole(Role.VIEWER)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void feedback(@PathVariable UUID messageId, @RequestBody ChatViews.Feedback body) {
        chat.feedback(messageId, body.rating(), body.comment(), body.solved());
    }
}
