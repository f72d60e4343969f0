package de.wattos.character.internal;

import de.wattos.character.AgentProfile;
import de.wattos.platform.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Trying a character out before (or without) saving it: the editor's character, or a selected saved version, is
 * kept as a try-out whose id a console conversation binds to like an agent id. The chat then answers with that
 * character's prompt, tone, texts and refused topics; a try-out is never published, so widgets refuse it.
 */
@Service
public class CharacterTryOuts {

    /** Sources and top-k of a try-out: every space of the tenant, as the default chat searches. */
    static final int TOP_K = 6;

    private final TryOuts tryOuts;
    private final CharacterService characters;
    private final SavedCharacters saved;

    CharacterTryOuts(TryOuts tryOuts, CharacterService characters, SavedCharacters saved) {
        this.tryOuts = tryOuts;
        this.characters = characters;
        this.saved = saved;
    }

    /**
     * A try-out of {@code spec} (the editor's state); without one, of the saved character's {@code version}
     * (its current one when null).
     */
    public CharacterTryOut create(CharacterSpec spec, UUID characterId, Integer version) {
        if (spec != null) {
            if (characterId != null) {
                characters.find(characterId);
            }
            return tryOuts.create(characterId, CharacterService.validated(spec));
        }
        if (characterId == null) {
            throw ApiException.invalidField("character", "a character or a characterId is required");
        }
        StoredCharacter c = characters.find(characterId);
        CharacterSpec chosen = version == null ? c.spec()
                : saved.version(characterId, version).orElseThrow(() -> ApiException.notFound("Character version"));
        return tryOuts.create(characterId, chosen);
    }

    public CharacterTryOut update(UUID id, CharacterSpec spec) {
        find(id);
        return tryOuts.update(id, CharacterService.validated(spec)).orElseThrow(() -> ApiException.notFound("Try-out"));
    }

    public CharacterTryOut find(UUID id) {
        return tryOuts.find(id).orElseThrow(() -> ApiException.notFound("Try-out"));
    }

    /** The try-out as the chat sees an agent: the character's own prompt and texts, never published. */
    Optional<AgentProfile> profile(UUID id) {
        return tryOuts.find(id).map(t -> {
            CharacterSpec c = t.spec();
            return new AgentProfile(t.id(), c.name(), prompt(c), List.of(), TOP_K, List.of(), c.greeting(),
                    c.noAnswerText(), c.refusedTopics(), false, CharacterDefinition.effectiveRefusal(c),
                    CharacterService.view(c));
        });
    }

    /** What the chat's own prompt does not say about a character: role, form of address, traits, rules, escalation. */
    static String prompt(CharacterSpec c) {
        StringBuilder s = new StringBuilder("Du bist ").append(c.name());
        if (c.role() != null) {
            s.append(", ").append(c.role());
        }
        if (c.organisation() != null) {
            s.append(" ").append(CharacterDefinition.genitive(c.organisation()));
        }
        s.append(".\n");
        if (c.tone() != null) {
            s.append("Ton: ").append(c.tone().german()).append(".\n");
        }
        s.append(c.address() == Address.DU ? "Duze die Menschen (du, dich, dir).\n" : "Sprich die Menschen mit „Sie“ an.\n");
        if (!c.traits().isEmpty()) {
            s.append("Eigenschaften: ").append(String.join(", ", c.traits())).append(".\n");
        }
        c.rules().forEach(r -> s.append("Regel: ").append(r).append('\n'));
        if (c.escalation() != null) {
            s.append(c.escalation()).append('\n');
        }
        return s.toString().strip();
    }
}
