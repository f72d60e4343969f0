package de.wattos.character.internal.web;

import de.wattos.character.internal.CharacterSpec;
import de.wattos.character.internal.CharacterTryOut;
import de.wattos.character.internal.CharacterTryOuts;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Character try-outs ({@code /api/v1/tenants/{tenant}/character-try-outs}): the editor's unsaved character, or a
 * saved version, to chat with. Start a conversation with {@code agentId} = the try-out's id; a PUT changes the
 * character the same conversation answers with from the next question on.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/character-try-outs")
class TryOutController {

    private final CharacterTryOuts tryOuts;

    TryOutController(CharacterTryOuts tryOuts) {
        this.tryOuts = tryOuts;
    }

    /** {@code character}: the editor's state; or {@code characterId} with an optional {@code version}. */
    record TryOutRequest(CharacterSpec character, UUID characterId, Integer version) {
    }

    record TryOutView(UUID id, UUID characterId, CharacterSpec character, String greeting, Instant updatedAt) {
        static TryOutView of(CharacterTryOut t) {
            return new TryOutView(t.id(), t.characterId(), t.spec(), t.spec().greeting(), t.updatedAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TryOutView create(@RequestBody TryOutRequest request) {
        TryOutRequest r = request == null ? new TryOutRequest(null, null, null) : request;
        return TryOutView.of(tryOuts.create(r.character(), r.characterId(), r.version()));
    }

    @GetMapping("/{id}")
    TryOutView get(@PathVariable UUID id) {
        return TryOutView.of(tryOuts.find(id));
    }

    @PutMapping("/{id}")
    TryOutView update(@PathVariable UUID id, @RequestBody TryOutRequest request) {
        tryOuts.find(id);
        return TryOutView.of(tryOuts.update(id, request == null ? null : request.character()));
    }
}
