package de.wattos.character.internal.web;

import de.wattos.character.internal.CharacterDefinition;
import de.wattos.character.internal.CharacterService;
import de.wattos.character.internal.CharacterSpec;
import de.wattos.character.internal.SavedCharacters;
import de.wattos.character.internal.StoredCharacter;
import de.wattos.platform.ApiException;
import de.wattos.platform.Page;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Characters: {@code /api/v1/tenants/{tenant}/characters}, define from a sentence, CRUD, versions, restore. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/characters")
class CharacterController {

    private final CharacterService characters;
    private final CharacterDefinition definition;

    CharacterController(CharacterService characters, CharacterDefinition definition) {
        this.characters = characters;
        this.definition = definition;
    }

    record DefineRequest(String prompt, String language) {
    }

    record CharacterView(UUID id, int version, boolean isDefault, CharacterSpec character, Instant createdAt,
            Instant updatedAt) {
        static CharacterView of(StoredCharacter c) {
            return new CharacterView(c.id(), c.version(), c.isDefault(), c.spec(), c.createdAt(), c.updatedAt());
        }
    }

    record VersionView(int version, CharacterSpec character, String actor, String note, Instant createdAt) {
        static VersionView of(SavedCharacters.Version v) {
            return new VersionView(v.version(), v.spec(), v.actor(), v.note(), v.createdAt());
        }
    }

    @PostMapping("/define")
    CharacterDefinition.Proposal define(@RequestBody DefineRequest request) {
        String prompt = request == null || request.prompt() == null ? "" : request.prompt().strip();
        if (prompt.isEmpty()) {
            throw ApiException.invalidField("prompt", "must not be empty");
        }
        if (prompt.length() > CharacterDefinition.MAX_PROMPT) {
            throw ApiException.invalidField("prompt", "at most " + CharacterDefinition.MAX_PROMPT + " characters");
        }
        String language = request.language();
        if (language != null && !language.matches("[a-zA-Z]{2}(-[a-zA-Z0-9]{1,8})*")) {
            throw ApiException.invalidField("language", "must be a language code such as de or en");
        }
        return definition.define(prompt, language);
    }

    @GetMapping
    Page<CharacterView> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        List<CharacterView> items = characters.list(page * size, size).stream().map(CharacterView::of).toList();
        return new Page<>(items, page, size, characters.count());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CharacterView create(@RequestBody CharacterSpec body, @RequestParam(defaultValue = "false") boolean makeDefault) {
        return CharacterView.of(characters.create(CharacterService.validated(body), makeDefault));
    }

    @GetMapping("/{id}")
    CharacterView get(@PathVariable UUID id) {
        return CharacterView.of(characters.find(id));
    }

    @PutMapping("/{id}")
    CharacterView replace(@PathVariable UUID id, @RequestBody CharacterSpec body,
            @RequestParam(required = false) Boolean makeDefault) {
        characters.find(id);
        return CharacterView.of(characters.update(id, CharacterService.validated(body), makeDefault));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        characters.delete(id);
    }

    @GetMapping("/{id}/versions")
    List<VersionView> versions(@PathVariable UUID id) {
        return characters.versions(id).stream().map(VersionView::of).toList();
    }

    @PostMapping("/{id}/versions/{version}/restore")
    CharacterView restore(@PathVariable UUID id, @PathVariable int version) {
        return CharacterView.of(characters.restore(id, version));
    }
}
