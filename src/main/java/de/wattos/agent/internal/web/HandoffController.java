package de.wattos.agent.internal.web;

import de.wattos.agent.internal.handoff.Handoff;
import de.wattos.agent.internal.handoff.HandoffDesk;
import de.wattos.agent.internal.handoff.HandoffStatus;
import de.wattos.agent.internal.handoff.Handoffs;
import de.wattos.chat.Chat;
import de.wattos.platform.ApiException;
import de.wattos.platform.Page;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The handoff inbox: conversations waiting for a person, taken, ended. Staff take one, write to the citizen (who
 * reads it live in the widget) and hand it back to the agent. Live updates: {@code channel.handoff.*} and
 * {@code channel.conversation.message.posted} on the event stream.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/agent-runtime/handoffs")
class HandoffController {

    private static final int MAX_MESSAGE = 4000;

    private final Handoffs handoffs;
    private final HandoffDesk desk;
    private final Chat chat;

    HandoffController(Handoffs handoffs, HandoffDesk desk, Chat chat) {
        this.handoffs = handoffs;
        this.desk = desk;
        this.chat = chat;
    }

    record Items(List<Handoff> items) {
    }

    record Detail(Handoff handoff, List<Chat.Posted> transcript) {
    }

    record WriteRequest(String content) {
    }

    record EndRequest(String note) {
    }

    record Written(UUID messageId) {
    }

    @GetMapping
    Items list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        HandoffStatus filter;
        try {
            filter = status == null || status.isBlank() ? null : HandoffStatus.of(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status", "waiting, active or ended");
        }
        Page.check(page, size);
        return new Items(handoffs.list(filter, page * size, size));
    }

    @GetMapping("/{id}")
    Detail get(@PathVariable UUID id) {
        Handoff handoff = handoffs.find(id).orElseThrow(() -> ApiException.notFound("Handoff"));
        return new Detail(handoff, chat.transcript(handoff.conversationId()));
    }

    @PostMapping("/{id}/take")
    Handoff take(@PathVariable UUID id) {
        return desk.take(id);
    }

    @PostMapping("/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    Written write(@PathVariable UUID id, @RequestBody(required = false) WriteRequest request) {
        String content = request == null || request.content() == null ? "" : request.content().strip();
        if (content.isEmpty()) {
            throw ApiException.invalidField("content", "must not be empty");
        }
        if (content.length() > MAX_MESSAGE) {
            throw ApiException.invalidField("content", "at most " + MAX_MESSAGE + " characters");
        }
        return new Written(desk.write(id, content));
    }

    @PostMapping("/{id}/end")
    Handoff end(@PathVariable UUID id, @RequestBody(required = false) EndRequest request) {
        String note = request == null ? null : request.note();
        if (note != null && note.length() > 2000) {
            throw ApiException.invalidField("note", "at most 2000 characters");
        }
        return desk.end(id, note);
    }
}
