package de.wattos.character.internal;

import de.wattos.knowledge.KnowledgeContent;
import de.wattos.knowledge.KnowledgeSearch;
import de.wattos.knowledge.KnowledgeSpaces;
import de.wattos.knowledge.SearchHit;
import de.wattos.knowledge.SearchMode;
import de.wattos.knowledge.SearchQuery;
import de.wattos.platform.Actor;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.TenantRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Persona generation jobs and persona editing/approval. */
@Service
public class PersonaService {

    private static final Logger log = LoggerFactory.getLogger(PersonaService.class);
    static final int MAX_CHUNKS = 60_000;

    private final PersonaJobs jobs;
    private final Personas personas;
    private final CharacterService characters;
    private final KnowledgeContent content;
    private final KnowledgeSearch search;
    private final KnowledgeSpaces spaces;
    private final DomainEvents bus;
    private final Texts texts;
    private final PersonaNaming naming;

    PersonaService(PersonaJobs jobs, Personas personas, CharacterService characters, KnowledgeContent content,
            KnowledgeSearch search, KnowledgeSpaces spaces, DomainEvents bus, Texts texts, PersonaNaming naming) {
        this.naming = naming;
        this.jobs = jobs;
        this.personas = personas;
        this.characters = characters;
        this.content = content;
        this.search = search;
        this.spaces = spaces;
        this.bus = bus;
        this.texts = texts;
    }

    /** Validates, then runs the generation in the background: the job is answered at once (202). */
    public PersonaJob generate(PersonaJob.GenerateRequest request) {
        PersonaJob.GenerateRequest r = validated(request);
        if (content.indexedDocuments(r.spaceIds()) == 0) {
            throw new ApiException(HttpStatus.CONFLICT, "no_indexed_content", texts.get("character.error.no_content"));
        }
        Actor actor = CurrentActor.get();
        PersonaJob job = jobs.create(r, actor.label());
        TenantRef tenant = TenantContext.current();
        Thread.ofVirtual().name("persona-job").start(() -> TenantContext.runAs(tenant, () -> run(job.id(), r, actor)));
        return job;
    }

    /** Runs a generation now, in the caller's tenant scope (the job thread and the benchmark). */
    public PersonaGeneration.Result generateNow(PersonaJob.GenerateRequest r) {
        CharacterSpec character = characters.find(r.characterId()).spec();
        List<KnowledgeContent.ContentChunk> chunks = content.chunks(r.spaceIds(), MAX_CHUNKS);
        PersonaGeneration generation = new PersonaGeneration(content::terms);
        return generation.generate(chunks, new PersonaGeneration.Request(r.maxPersonas(), r.minQualityScore(),
                character.organisation()), question -> search.search(new SearchQuery(question, r.spaceIds(), 3,
                        SearchMode.LEXICAL, Map.of())).hits().stream().map(SearchHit::text).toList());
    }

    private void run(UUID jobId, PersonaJob.GenerateRequest r, Actor actor) {
        try {
            jobs.running(jobId);
            PersonaGeneration.Result result = generateNow(r);
            PersonaNaming.Named named = naming.name(result.personas(), characters.find(r.characterId()).spec().organisation());
            List<UUID> ids = new ArrayList<>();
            for (PersonaSpec p : named.personas()) {
                ids.add(personas.insert(r.characterId(), jobId, p).id());
            }
            jobs.succeeded(jobId, new PersonaJob.Outcome(ids, result.dropped(), result.merged(), result.stats(),
                    named.namedBy(), named.reason()));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("jobId", jobId.toString());
            details.put("personas", named.personas().stream().map(PersonaSpec::name).toList());
            details.put("namedBy", named.namedBy());
            details.put("dropped", result.dropped().size());
            bus.publish(DomainEvent.of(EventDomain.CHARACTER, "persona.generated", DomainEvent.Subject.of("persona_job", jobId),
                    details).withActor(DomainEvent.Actor.of(actor)));
        } catch (RuntimeException e) {
            log.warn("Persona generation {} failed", jobId, e);
            jobs.failed(jobId, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private PersonaJob.GenerateRequest validated(PersonaJob.GenerateRequest request) {
        PersonaJob.GenerateRequest r = request == null ? new PersonaJob.GenerateRequest(null, null, null, null) : request;
        int max = r.maxPersonas() == null ? 10 : r.maxPersonas();
        if (max < 1 || max > 20) {
            throw ApiException.invalidField("maxPersonas", "character.field.max_personas");
        }
        double min = r.minQualityScore() == null ? 0.7 : r.minQualityScore();
        if (min < 0 || min > 1 || Double.isNaN(min)) {
            throw ApiException.invalidField("minQualityScore", "character.field.min_quality_score");
        }
        List<UUID> spaceIds = r.spaceIds() == null ? List.of() : List.copyOf(r.spaceIds());
        if (spaceIds.size() > 50) {
            throw ApiException.invalidField("spaceIds", "character.field.space_ids");
        }
        for (UUID space : spaceIds) {
            if (space == null || !spaces.exists(space)) {
                throw ApiException.notFound("Space");
            }
        }
        UUID characterId = r.characterId() == null ? characters.defaultCharacter().id() : characters.find(r.characterId()).id();
        return new PersonaJob.GenerateRequest(characterId, spaceIds, max, min);
    }

    public PersonaJob job(UUID id) {
        PersonaJob job = jobs.find(id).orElseThrow(() -> ApiException.notFound("Persona job"));
        if (job.result() == null) {
            return job;
        }
        PersonaJob.Outcome o = job.result();
        List<PersonaGeneration.Dropped> dropped = o.dropped().stream().map(d -> d.rendered(texts::render)).toList();
        return new PersonaJob(job.id(), job.status(), job.request(), new PersonaJob.Outcome(o.personaIds(), dropped,
                o.merged(), o.stats(), o.namedBy(), o.namingNote()), job.error(), job.createdAt(), job.finishedAt());
    }

    Optional<StoredPersona> findOptional(UUID id) {
        return personas.find(id);
    }

    /** The spaces the persona's job searched (empty = all). */
    List<UUID> jobSpaces(UUID jobId) {
        return jobId == null ? List.of() : jobs.find(jobId).map(j -> j.request().spaceIds()).orElse(List.of());
    }

    public StoredPersona find(UUID id) {
        return personas.find(id).orElseThrow(() -> ApiException.notFound("Persona"));
    }

    public List<StoredPersona> list(UUID jobId, int offset, int limit) {
        return personas.list(jobId, offset, limit);
    }

    public long count(UUID jobId) {
        return personas.count(jobId);
    }

    public StoredPersona edit(UUID id, PersonaSpec edited) {
        StoredPersona current = find(id);
        PersonaSpec p = current.persona();
        PersonaSpec merged = new PersonaSpec(edited.name() == null ? p.name() : edited.name(), p.targetGroup(),
                edited.description() == null ? p.description() : edited.description(),
                edited.needs().isEmpty() ? p.needs() : edited.needs(),
                edited.typicalQuestions().isEmpty() ? p.typicalQuestions() : edited.typicalQuestions(),
                edited.languageLevel(), edited.topics().isEmpty() ? p.topics() : edited.topics(), p.evidence(),
                p.qualityScore(), p.scoreBreakdown(), p.mergedFrom());
        personas.update(id, merged);
        record("persona.updated", id, merged.name());
        return find(id);
    }

    public StoredPersona approve(UUID id) {
        StoredPersona p = find(id);
        personas.approve(id, CurrentActor.get().label());
        record("persona.approved", id, p.persona().name());
        return find(id);
    }

    public void delete(UUID id) {
        StoredPersona p = find(id);
        personas.delete(id);
        record("persona.deleted", id, p.persona().name());
    }

    private void record(String action, UUID id, String name) {
        bus.publish(DomainEvent.of(EventDomain.CHARACTER, action, DomainEvent.Subject.of("persona", id), Map.of("name", name)));
    }
}
