package de.wattos.character.internal.web;

import de.wattos.character.internal.LanguageLevel;
import de.wattos.character.internal.PersonaJob;
import de.wattos.character.internal.PersonaService;
import de.wattos.character.internal.PersonaSpec;
import de.wattos.character.internal.StoredPersona;
import de.wattos.platform.ApiException;
import de.wattos.platform.Page;
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

/** Personas (target groups): generation jobs, list, edit, approve, delete. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class PersonaController {

    private final PersonaService personas;

    PersonaController(PersonaService personas) {
        this.personas = personas;
    }

    record PersonaEdit(String name, String description, List<String> needs, List<String> typicalQuestions,
            String languageLevel, List<String> topics) {
    }

    @PostMapping("/personas/generate")
    @ResponseStatus(HttpStatus.ACCEPTED)
    PersonaJob generate(@RequestBody(required = false) PersonaJob.GenerateRequest request) {
        return personas.generate(request);
    }

    @GetMapping("/persona-jobs/{id}")
    PersonaJob job(@PathVariable UUID id) {
        return personas.job(id);
    }

    @GetMapping("/personas")
    Page<StoredPersona> list(@RequestParam(required = false) UUID jobId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        return new Page<>(personas.list(jobId, page * size, size), page, size, personas.count(jobId));
    }

    @GetMapping("/personas/{id}")
    StoredPersona get(@PathVariable UUID id) {
        return personas.find(id);
    }

    @PutMapping("/personas/{id}")
    StoredPersona edit(@PathVariable UUID id, @RequestBody PersonaEdit e) {
        personas.find(id);
        if (e == null) {
            throw ApiException.badRequest("validation_failed", "A persona is required");
        }
        if (e.name() != null && (e.name().isBlank() || e.name().length() > 120)) {
            throw ApiException.invalidField("name", "1–120 characters");
        }
        if (e.description() != null && e.description().length() > 2000) {
            throw ApiException.invalidField("description", "at most 2000 characters");
        }
        if (e.typicalQuestions() != null && !e.typicalQuestions().isEmpty()
                && (e.typicalQuestions().size() < 5 || e.typicalQuestions().size() > 10)) {
            throw ApiException.invalidField("typicalQuestions", "between 5 and 10 questions");
        }
        for (List<String> list : java.util.Arrays.asList(e.needs(), e.typicalQuestions(), e.topics())) {
            if (list != null && (list.size() > 20 || list.stream().anyMatch(s -> s == null || s.isBlank() || s.length() > 300))) {
                throw ApiException.invalidField("needs", "at most 20 items of 1–300 characters");
            }
        }
        LanguageLevel level = null;
        if (e.languageLevel() != null) {
            try {
                level = LanguageLevel.of(e.languageLevel());
            } catch (IllegalArgumentException ex) {
                throw ApiException.invalidField("languageLevel", "standard, einfach or leichte-sprache");
            }
        }
        StoredPersona current = personas.find(id);
        return personas.edit(id, new PersonaSpec(e.name(), null, e.description(), e.needs(), e.typicalQuestions(),
                level == null ? current.persona().languageLevel() : level, e.topics(), null, 0, null, null));
    }

    @PostMapping("/personas/{id}/approve")
    StoredPersona approve(@PathVariable UUID id) {
        return personas.approve(id);
    }

    @DeleteMapping("/personas/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        personas.delete(id);
    }
}
