package de.wattos.character.internal;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.character.AssistantCharacter;
import de.wattos.character.Characters;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import de.wattos.tenancy.TenantInfo;
import de.wattos.tenancy.Tenants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Character CRUD with versions, the tenant's default character, and the chat's view of it. */
@Service
public class CharacterService implements Characters {

    private final SavedCharacters characters;
    private final CharacterDefinition definition;
    private final ProfileService profiles;
    private final Tenants tenants;
    private final TenantJdbc jdbc;
    private final DomainEvents bus;
    private final Texts texts;

    CharacterService(SavedCharacters characters, CharacterDefinition definition, ProfileService profiles, Tenants tenants,
            TenantJdbc jdbc, DomainEvents bus, Texts texts) {
        this.characters = characters;
        this.definition = definition;
        this.profiles = profiles;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.bus = bus;
        this.texts = texts;
    }

    @Override
    public AssistantCharacter current() {
        return view(defaultCharacter().spec());
    }

    @Override
    public Optional<AssistantCharacter> existing() {
        return characters.findDefault().map(c -> view(c.spec()));
    }

    static AssistantCharacter view(CharacterSpec c) {
        String contact = c.contact() == null ? null : c.contact().line();
        return new AssistantCharacter(c.name(), c.role(), c.organisation(), c.tone() == null ? null : c.tone().german(),
                c.address() == null ? "Sie" : c.address().wire(), c.languages(), c.rules(), c.refusedTopics(), c.greeting(),
                c.noAnswerText(), contact, c.escalation(), CharacterDefinition.effectiveRefusal(c), avatarId(c.avatarId()),
                c.voice() == null ? null : new AssistantCharacter.SpeakingVoice(c.voice().provider(), c.voice().voice(),
                        c.voice().rate()));
    }

    /** Characters keep the avatar id as text (from the editor or a model); only a UUID names a library avatar. */
    private static UUID avatarId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The default character; a tenant that has none gets one made from its former assistant settings. */
    public StoredCharacter defaultCharacter() {
        Optional<StoredCharacter> existing = characters.findDefault();
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID tenant = TenantContext.currentId();
        Optional<TenantInfo> info = tenants.find(tenant);
        CharacterSpec spec = definition.fromSettings(info.map(TenantInfo::settings).orElse(Map.of()), profiles.current(),
                info.map(TenantInfo::name).orElse(null));
        try {
            StoredCharacter created = characters.create(spec, true, "system", "migrated from the tenant's assistant settings");
            record("character.created", created, Map.of("migrated", true));
            return created;
        } catch (DuplicateKeyException e) {
            // another request created it first
            return characters.findDefault().orElseThrow();
        }
    }

    public StoredCharacter create(CharacterSpec spec, boolean makeDefault) {
        boolean first = characters.count() == 0;
        StoredCharacter c = characters.create(spec, makeDefault || first, CurrentActor.get().label(), null);
        record("character.created", c, Map.of());
        return c;
    }

    Optional<StoredCharacter> findOptional(UUID id) {
        return id == null ? Optional.empty() : characters.find(id);
    }

    public StoredCharacter find(UUID id) {
        return characters.find(id).orElseThrow(() -> ApiException.notFound("Character"));
    }

    public StoredCharacter update(UUID id, CharacterSpec spec, Boolean makeDefault) {
        find(id);
        StoredCharacter c = characters.update(id, spec, makeDefault, CurrentActor.get().label(), null)
                .orElseThrow(() -> ApiException.notFound("Character"));
        record("character.updated", c, Map.of());
        return c;
    }

    public StoredCharacter restore(UUID id, int version) {
        find(id);
        CharacterSpec old = characters.version(id, version).orElseThrow(() -> ApiException.notFound("Character version"));
        StoredCharacter c = characters.update(id, old, null, CurrentActor.get().label(), "restored version " + version)
                .orElseThrow(() -> ApiException.notFound("Character"));
        record("character.restored", c, Map.of("restoredVersion", version));
        return c;
    }

    public void delete(UUID id) {
        StoredCharacter c = find(id);
        long agents = jdbc.sql("select count(*) from agents where tenant_id = :tenantId and character_id = :id and status <> :archived")
                .param("archived", AgentStatus.ARCHIVED.wire()).param("id", id).query(Long.class).single();
        if (agents > 0) {
            throw ApiException.conflict("character_in_use", texts.get("character.error.in_use", agents + " agents"));
        }
        if (c.isDefault() && characters.count() > 1) {
            throw ApiException.conflict("character_in_use", texts.get("character.error.default_in_use"));
        }
        characters.delete(id);
        record("character.deleted", c, Map.of());
    }

    public List<SavedCharacters.Version> versions(UUID id) {
        find(id);
        return characters.versions(id);
    }

    public List<StoredCharacter> list(int offset, int limit) {
        defaultCharacter();
        return characters.list(offset, limit);
    }

    public long count() {
        return characters.count();
    }

    private void record(String action, StoredCharacter c, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("name", c.spec().name());
        details.put("version", c.version());
        bus.publish(DomainEvent.of(EventDomain.CHARACTER, action, DomainEvent.Subject.of("character", c.id()), details));
    }

    /** Normalises and checks a character from a request (400 with field errors). */
    public static CharacterSpec validated(CharacterSpec spec) {
        if (spec == null) {
            throw ApiException.badRequest("validation_failed", "A character is required");
        }
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank()) {
            errors.add(new ApiException.FieldError("name", "required", "must not be empty"));
        } else if (spec.name().length() > 80) {
            errors.add(new ApiException.FieldError("name", "too_long", "at most 80 characters"));
        }
        checkText(errors, "role", spec.role(), 120);
        checkText(errors, "organisation", spec.organisation(), 200);
        checkText(errors, "audience", spec.audience(), 300);
        checkText(errors, "greeting", spec.greeting(), 500);
        checkText(errors, "noAnswerText", spec.noAnswerText(), 1000);
        checkText(errors, "refusalText", spec.refusalText(), 1000);
        checkText(errors, "escalation", spec.escalation(), 1000);
        checkText(errors, "avatarId", spec.avatarId(), 100);
        for (var list : Map.of("languages", spec.languages(), "traits", spec.traits(), "rules", spec.rules(),
                "topics", spec.topics(), "refusedTopics", spec.refusedTopics()).entrySet()) {
            if (list.getValue().size() > 30) {
                errors.add(new ApiException.FieldError(list.getKey(), "too_many", "at most 30 items"));
            }
            if (list.getValue().stream().anyMatch(s -> s == null || s.isBlank() || s.length() > 300)) {
                errors.add(new ApiException.FieldError(list.getKey(), "invalid", "items must be 1–300 characters"));
            }
        }
        if (spec.voice() != null && spec.voice().rate() != null && (spec.voice().rate() < 0.25 || spec.voice().rate() > 4)) {
            errors.add(new ApiException.FieldError("voice.rate", "out_of_range", "must be between 0.25 and 4"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "validation_failed",
                    "Request validation failed", errors, Map.of());
        }
        return new CharacterSpec(spec.name().strip(), spec.role(), spec.organisation(), spec.audience(),
                spec.tone() == null ? Tone.FRIENDLY : spec.tone(), spec.address() == null ? Address.SIE : spec.address(),
                spec.languages().isEmpty() ? List.of("de") : spec.languages(), spec.traits(), spec.rules(), spec.topics(),
                spec.refusedTopics(), spec.greeting(), spec.noAnswerText(), spec.refusalText(), spec.contact(), spec.escalation(), spec.voice(),
                spec.avatarId());
    }

    private static void checkText(List<ApiException.FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new ApiException.FieldError(field, "too_long", "at most " + max + " characters"));
        }
    }
}
