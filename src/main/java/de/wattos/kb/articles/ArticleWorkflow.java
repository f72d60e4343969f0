package de.wattos.kb.articles;

import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestResult;
import de.wattos.knowledge.Ingestion;
import de.wattos.knowledge.KnowledgeSpaces;
import de.wattos.platform.Actor;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Ids;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.kb.SyncItem;
import de.wattos.character.PersonaDirectory;
import de.wattos.kb.sync.OutboxWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval workflow of knowledge articles: every change is checked against the article's status, applied only
 * if nobody changed the article meanwhile, and published on the bus (which also writes the audit trail) in the
 * same transaction. Four-eyes: the version under review is approved or rejected by someone other than its author.
 */
@Service
public class ArticleWorkflow {

    /** Names the article a published knowledge document came from. */
    static final String ORIGIN_KEY = "articleId";

    private final Articles articles;
    private final KnowledgeSpaces spaces;
    private final Ingestion ingestion;
    private final DomainEvents bus;
    private final TransactionTemplate tx;
    private final OutboxWriter outbox;
    private final ArticleValidity validity;
    private final PersonaDirectory personas;

    ArticleWorkflow(Articles articles, KnowledgeSpaces spaces, Ingestion ingestion, DomainEvents bus, TransactionTemplate tx,
            OutboxWriter outbox, @org.springframework.context.annotation.Lazy ArticleValidity validity,
            PersonaDirectory personas) {
        this.personas = personas;
        this.outbox = outbox;
        this.validity = validity;
        this.articles = articles;
        this.spaces = spaces;
        this.ingestion = ingestion;
        this.bus = bus;
        this.tx = tx;
    }

    public Articles.Article get(UUID id) {
        return articles.find(id).orElseThrow(() -> ApiException.notFound("Article"));
    }

    public Articles.Article create(UUID spaceId, Articles.Content content) {
        return create(spaceId, content, Map.of());
    }

    /** A new draft; {@code details} go into the {@code article.created} event (and so the audit trail). */
    public Articles.Article create(UUID spaceId, Articles.Content content, Map<String, Object> details) {
        if (!spaces.exists(spaceId)) {
            throw ApiException.invalidField("spaceId", "kb.article.space_unknown");
        }
        checkPersonas(content);
        Actor author = CurrentActor.get();
        UUID id = Ids.newId();
        tx.executeWithoutResult(s -> {
            articles.create(id, spaceId, content, author.id(), author.name());
            Map<String, Object> event = new LinkedHashMap<>(details);
            event.put("title", content.title());
            publish("article.created", id, spaceId, 1, ArticleStatus.DRAFT, event);
        });
        return get(id);
    }

    /** A new version; {@code expectedVersion} (optional) guards against overwriting someone else's edit. */
    public Articles.Article edit(UUID id, Integer expectedVersion, Articles.Content content) {
        Articles.Article a = get(id);
        require(a, ArticleAction.EDIT);
        if (expectedVersion != null && expectedVersion != a.version()) {
            throw stale(a);
        }
        checkPersonas(content);
        Actor author = CurrentActor.get();
        tx.executeWithoutResult(s -> {
            if (!articles.addVersion(id, a.version(), a.status(), content, author.id(), author.name())) {
                throw stale(a);
            }
            publish("article.edited", id, a.spaceId(), a.version() + 1, ArticleStatus.DRAFT, Map.of("title", content.title()));
        });
        return get(id);
    }

    /** Every target persona must be one of the tenant's (another tenant's id is unknown here). */
    private void checkPersonas(Articles.Content content) {
        for (UUID persona : content.personaIds()) {
            if (!personas.exists(persona)) {
                throw ApiException.invalidField("personaIds", "kb.article.persona_unknown", persona.toString());
            }
        }
    }

    public Articles.Article submit(UUID id) {
        Articles.Article a = get(id);
        // title and author: the reviewers' notification names the article and leaves its author out
        return move(a, ArticleAction.SUBMIT, new Articles.Change(ArticleStatus.IN_REVIEW, null, a.publishedVersion(),
                a.publishedDocumentId(), null, null, false), Map.of("title", a.title(), "authorId", a.authorId()));
    }

    public Articles.Article approve(UUID id, String comment) {
        Articles.Article a = get(id);
        require(a, ArticleAction.APPROVE);
        Actor reviewer = requireSecondPerson(a);
        Articles.Version approved = articles.version(id, a.version()).orElseThrow();
        return move(a, ArticleAction.APPROVE, new Articles.Change(ArticleStatus.APPROVED, a.version(),
                a.publishedVersion(), a.publishedDocumentId(), comment, reviewer.id(), true), comment(comment),
                () -> outbox.write(syncItem(a.id(), approved, reviewer)));
    }

    public Articles.Article reject(UUID id, String comment) {
        Articles.Article a = get(id);
        require(a, ArticleAction.REJECT);
        Actor reviewer = requireSecondPerson(a);
        return move(a, ArticleAction.REJECT, new Articles.Change(ArticleStatus.REJECTED, null, a.publishedVersion(),
                a.publishedDocumentId(), comment, reviewer.id(), true), comment(comment));
    }

    /**
     * Marks the approved version published and ingests it into the article's space through the ordinary ingestion
     * path (same source and URL every time, so a newer version replaces the older one in place) if it is valid now;
     * a version whose {@code validFrom} lies ahead is indexed by {@link ArticleValidity} when it arrives (until then a
     * previously published version stays out of search too). An expired version cannot be published (409).
     */
    public Articles.Article publish(UUID id) {
        Articles.Article a = get(id);
        require(a, ArticleAction.PUBLISH);
        Articles.Version approved = articles.version(id, a.approvedVersion()).orElseThrow();
        Instant now = Instant.now();
        if (approved.validTo() != null && !now.isBefore(approved.validTo())) {
            throw new ApiException(HttpStatus.CONFLICT, "article_expired",
                    "The approved version was valid only until " + approved.validTo(), List.of(),
                    Map.of("validTo", approved.validTo().toString())).withArgs(approved.validTo().toString());
        }
        UUID documentId = null;
        String outcome = "NOT_YET_VALID";
        if (approved.validAt(now)) {
            IngestResult result = ingest(a.spaceId(), id, approved);
            documentId = result.documentId();
            outcome = result.outcome().name();
        } else if (a.publishedDocumentId() != null) {
            ingestion.remove(a.publishedDocumentId()); // the older version must not serve in the new one's place
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("outcome", outcome);
        details.put("served", documentId != null);
        if (documentId != null) {
            details.put("documentId", documentId.toString());
        }
        Articles.Article published = move(a, ArticleAction.PUBLISH, new Articles.Change(ArticleStatus.PUBLISHED,
                a.approvedVersion(), a.approvedVersion(), documentId, null, null, false), details);
        validity.wake();
        return published;
    }

    private IngestResult ingest(UUID spaceId, UUID id, Articles.Version v) {
        IngestResult result = ingestion.ingest(new IncomingDocument(spaceId, id, "article:" + id, v.title(),
                "text/markdown", CuratedMarkdown.of(v).getBytes(StandardCharsets.UTF_8),
                Map.of(ORIGIN_KEY, id.toString(), "articleVersion", String.valueOf(v.version()),
                        "tags", String.join(",", v.tags()), IncomingDocument.CURATED, "true",
                        IncomingDocument.PERSONAS, String.join(",", v.personaIds().stream().map(UUID::toString).toList()))));
        if (result.outcome() == IngestResult.Outcome.FAILED || result.documentId() == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "article_publish_failed",
                    "The article could not be indexed: " + result.reason()).withArgs(result.reason());
        }
        return result;
    }

    /**
     * Brings a published article's search presence in line with its published version's validity at this moment:
     * indexed once {@code validFrom} has come, removed once {@code validTo} has passed (or while {@code validFrom}
     * is still ahead), and the expiry written to the sync outbox once per version. Safe to run repeatedly and on
     * several nodes: every change is applied only if the article is still as it was read.
     */
    void refreshServing(UUID id) {
        Articles.Article a = articles.find(id).orElse(null);
        if (a == null || a.status() != ArticleStatus.PUBLISHED || a.publishedVersion() == null) {
            return;
        }
        Articles.Version v = articles.version(id, a.publishedVersion()).orElseThrow();
        Instant now = Instant.now();
        boolean valid = v.validAt(now);
        if (valid && a.publishedDocumentId() == null) {
            UUID document = ingest(a.spaceId(), id, v).documentId();
            boolean applied = Boolean.TRUE.equals(tx.execute(s -> {
                if (!articles.serve(id, v.version(), null, document)) {
                    return false;
                }
                publish("article.activated", id, a.spaceId(), v.version(), ArticleStatus.PUBLISHED,
                        Map.of("documentId", document.toString(), "validFrom", String.valueOf(v.validFrom())));
                return true;
            }));
            if (!applied && articles.find(id).map(x -> !document.equals(x.publishedDocumentId())).orElse(true)) {
                ingestion.remove(document); // withdrawn or republished meanwhile: nothing of this version may serve
            }
        } else if (!valid && a.publishedDocumentId() != null) {
            ingestion.remove(a.publishedDocumentId());
            tx.executeWithoutResult(s -> {
                if (articles.serve(id, v.version(), a.publishedDocumentId(), null)) {
                    publish("article.deactivated", id, a.spaceId(), v.version(), ArticleStatus.PUBLISHED,
                            Map.of("validFrom", String.valueOf(v.validFrom()), "validTo", String.valueOf(v.validTo())));
                }
            });
        }
        if (v.validTo() != null && !now.isBefore(v.validTo())) {
            tx.executeWithoutResult(s -> {
                if (articles.markExpirySynced(id, v.version())) {
                    outbox.write(expiry(id, v));
                    publish("article.expired", id, a.spaceId(), v.version(), ArticleStatus.PUBLISHED,
                            Map.of("validTo", v.validTo().toString()));
                }
            });
        }
    }

    /** Takes the published version out of search at once; the article and its versions stay. */
    public Articles.Article withdraw(UUID id) {
        Articles.Article a = get(id);
        require(a, ArticleAction.WITHDRAW);
        // out of search first: a failure after this leaves the article unserved, never served while marked withdrawn
        if (a.publishedDocumentId() != null) {
            ingestion.remove(a.publishedDocumentId());
        }
        return move(a, ArticleAction.WITHDRAW, new Articles.Change(ArticleStatus.WITHDRAWN, a.approvedVersion(), null,
                null, null, null, false), Map.of(), () -> outbox.write(withdrawal(a.id(), CurrentActor.get())));
    }

    public List<Articles.Version> versions(UUID id) {
        get(id);
        return articles.versions(id);
    }

    public Articles.Version version(UUID id, int version) {
        get(id);
        return articles.version(id, version).orElseThrow(() -> ApiException.notFound("Article version"));
    }

    /** Version {@code version} compared with {@code against} (the older side); either unknown: 404. */
    public ArticleDiff diff(UUID id, int version, int against) {
        Articles.Version newer = version(id, version);
        Articles.Version older = version(id, against);
        return ArticleDiff.between(older, newer);
    }

    private Articles.Article move(Articles.Article a, ArticleAction action, Articles.Change change, Map<String, Object> details) {
        return move(a, action, change, details, () -> { });
    }

    /** {@code alongside} runs in the transition's transaction (the sync outbox commits with the approval). */
    private Articles.Article move(Articles.Article a, ArticleAction action, Articles.Change change, Map<String, Object> details,
            Runnable alongside) {
        require(a, action);
        tx.executeWithoutResult(s -> {
            if (!articles.transition(a.id(), a.status(), a.version(), change)) {
                throw stale(a);
            }
            alongside.run();
            Map<String, Object> payload = new LinkedHashMap<>(details);
            payload.put("from", a.status().name());
            publish("article." + pastTense(action), a.id(), a.spaceId(), a.version(), change.to(), payload);
        });
        return get(a.id());
    }

    private static void require(Articles.Article a, ArticleAction action) {
        if (!a.status().allows(action)) {
            List<String> allowed = a.status().allowed().stream().map(ArticleAction::key).toList();
            throw new ApiException(HttpStatus.CONFLICT, "article_transition_invalid",
                    "Cannot " + action.key() + " an article in status " + a.status(), List.of(),
                    Map.of("status", a.status().name(), "action", action.key(), "allowed", allowed))
                    .withArgs(action.key(), a.status().name(), String.join(", ", allowed));
        }
    }

    private static Actor requireSecondPerson(Articles.Article underReview) {
        Actor reviewer = CurrentActor.get();
        if (reviewer.id().equals(underReview.authorId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "four_eyes_required",
                    "The author of a version cannot review it");
        }
        return reviewer;
    }

    private static ApiException stale(Articles.Article a) {
        return new ApiException(HttpStatus.CONFLICT, "article_version_stale",
                "The article was changed meanwhile; reload it", List.of(), Map.of("currentVersion", a.version()));
    }

    /**
     * The approved version as it is delivered; its version is the content hash (with the validity period, when it
     * has one), so an unchanged text and period is sent once.
     */
    static SyncItem syncItem(UUID articleId, Articles.Version v, Actor reviewer) {
        String text = CuratedMarkdown.of(v);
        String hash = OutboxWriter.sha256((v.validFrom() == null && v.validTo() == null ? text
                : text + "\nvalidFrom=" + v.validFrom() + "\nvalidTo=" + v.validTo())
                + (v.personaIds().isEmpty() ? "" : "\npersonas=" + v.personaIds()));
        String itemId = "article:" + articleId;
        return new SyncItem(itemId + "@" + hash, itemId, hash, false, itemId, v.title(), text, Instant.now(),
                reviewer.label(), v.validFrom(), v.validTo(), null, v.personaIds());
    }

    static SyncItem withdrawal(UUID articleId, Actor actor) {
        String itemId = "article:" + articleId;
        String hash = OutboxWriter.sha256("withdrawn\n" + articleId + "\n" + Instant.now());
        return new SyncItem(itemId + "@" + hash, itemId, hash, true, itemId, null, null, Instant.now(), actor.label(),
                null, null, "withdrawn", List.of());
    }

    /** The published version's validity ended: one deletion per version (the same id on every node). */
    static SyncItem expiry(UUID articleId, Articles.Version v) {
        String itemId = "article:" + articleId;
        String hash = OutboxWriter.sha256("expired\n" + articleId + "\n" + v.version() + "\n" + v.validTo());
        return new SyncItem(itemId + "@" + hash, itemId, hash, true, itemId, null, null, Instant.now(),
                Actor.SYSTEM.label(), v.validFrom(), v.validTo(), "expired", v.personaIds());
    }

    private static Map<String, Object> comment(String comment) {
        return comment == null ? Map.of() : Map.of("comment", comment);
    }

    private static String pastTense(ArticleAction action) {
        return switch (action) {
            case EDIT -> "edited";
            case SUBMIT -> "submitted";
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            case PUBLISH -> "published";
            case WITHDRAW -> "withdrawn";
        };
    }

    private void publish(String type, UUID id, UUID spaceId, int version, ArticleStatus status, Map<String, Object> details) {
        Map<String, Object> payload = new LinkedHashMap<>(details);
        payload.put("spaceId", spaceId.toString());
        payload.put("version", version);
        payload.put("status", status.name());
        bus.publish(DomainEvent.of(EventDomain.KNOWLEDGE, type, DomainEvent.Subject.of("knowledge_article", id), payload));
    }
}
