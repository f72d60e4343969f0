package de.wattos.knowledge.internal;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestPreview;
import de.wattos.knowledge.IngestResult;
import de.wattos.knowledge.IngestResult.Outcome;
import de.wattos.knowledge.Ingestion;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ingestion pipeline: extract → drop boilerplate learned per source → normalise → hash (unchanged? duplicate?)
 * → chunk → embed (batched) → store chunks and vectors in PostgreSQL (one transaction) → index (atomic per
 * document). Used synchronously by the crawler and by the upload workers.
 */
@Service
public class IngestionService implements Ingestion {

    private static final Logger log = LoggerFactory.getLogger(IngestionService.class);
    private static final int PREVIEW_CHARS = 500;

    private final Documents documents;
    private final Spaces spaces;
    private final DocumentExtractor extractor;
    private final Chunker chunker;
    private final EmbeddingModel embeddings;
    private final TenantFairEmbedder fairEmbedder;
    private final SearchIndex index;
    private final TransactionTemplate tx;
    private final KnowledgeProperties props;
    private final DomainEvents bus;
    private final ObservationRegistry observations;

    IngestionService(Documents documents, Spaces spaces, DocumentExtractor extractor, Chunker chunker,
            EmbeddingModel embeddings, TenantFairEmbedder fairEmbedder, SearchIndex index, TransactionTemplate tx,
            KnowledgeProperties props, DomainEvents bus, ObjectProvider<ObservationRegistry> observations) {
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        this.fairEmbedder = fairEmbedder;
        this.bus = bus;
        this.documents = documents;
        this.spaces = spaces;
        this.extractor = extractor;
        this.chunker = chunker;
        this.embeddings = embeddings;
        this.index = index;
        this.tx = tx;
        this.props = props;
    }

    @Override
    public IngestResult ingest(IncomingDocument in) {
        try {
            if (in.spaceId() == null || !spaces.exists(in.spaceId())) {
                return new IngestResult(null, Outcome.FAILED, 0,
                        "Wissensraum nicht gefunden / Knowledge space not found");
            }
            Documents.Document doc = in.url() == null ? null
                    : documents.findByUrl(in.spaceId(), in.sourceId(), in.url()).orElse(null);
            boolean isNew = doc == null;
            if (isNew) {
                UUID id = Ids.newId();
                try {
                    documents.insert(new Documents.NewDocument(id, in.spaceId(), in.sourceId(), in.url(), "ingest",
                            filename(in.url()), blankToNull(in.title()), in.contentType(),
                            in.content() == null ? 0L : (long) in.content().length, in.metadata(), DocumentStatus.PENDING));
                } catch (org.springframework.dao.DuplicateKeyException race) {
                    // the same URL was inserted concurrently: work on that row
                }
                doc = in.url() == null ? documents.find(id).orElseThrow()
                        : documents.findByUrl(in.spaceId(), in.sourceId(), in.url()).orElseThrow();
            }
            return process(doc, in.content(), in.contentType(), filename(in.url()), false, in.title(), in.metadata(), isNew);
        } catch (RuntimeException e) {
            log.warn("Ingestion of {} failed unexpectedly", in.url(), e);
            return new IngestResult(null, Outcome.FAILED, 0,
                    "Interner Fehler bei der Verarbeitung / Internal processing error");
        }
    }

    @Override
    public IngestPreview preview(IncomingDocument in) {
        try {
            if (in.spaceId() == null || !spaces.exists(in.spaceId())) {
                return new IngestPreview(null, Outcome.FAILED, in.title(), null, null, null,
                        "Wissensraum nicht gefunden / Knowledge space not found");
            }
            Documents.Document doc = in.url() == null ? null
                    : documents.findByUrl(in.spaceId(), in.sourceId(), in.url()).orElse(null);
            UUID documentId = doc == null ? null : doc.id();
            ExtractedDocument raw;
            try {
                raw = extractor.extract(in.content(), in.contentType(), filename(in.url()), false);
            } catch (ExtractionException e) {
                return new IngestPreview(documentId, Outcome.FAILED, in.title(), null, null, null, e.getMessage());
            }
            boolean learnBlocks = in.sourceId() != null && "text/html".equals(raw.detectedType());
            // a new page is compared with all the source's pages, a known one with all but itself
            UUID self = documentId == null ? Ids.newId() : documentId;
            ExtractedDocument extracted = learnBlocks ? dropRepeatedBlocks(raw, in.sourceId().toString(), self) : raw;
            String title = firstNonBlank(in.title(), extracted.title(), doc == null ? null : doc.title(), in.url());
            if (extracted.blocks().isEmpty()) {
                return new IngestPreview(documentId, Outcome.FAILED, title, null, null, null,
                        "Seite enthält nur wiederkehrende Seitenelemente (Navigation, Hinweise) / Page holds only repeated boilerplate");
            }
            String text = extracted.normalizedText();
            String hash = sha256(text);
            boolean served = doc != null && doc.status().served();
            String current = doc != null && doc.status() == DocumentStatus.INDEXED ? documents.fullText(doc.id()) : null;
            if (served && hash.equals(doc.contentHash())) {
                return new IngestPreview(documentId, doc.status() == DocumentStatus.DUPLICATE ? Outcome.DUPLICATE : Outcome.UNCHANGED,
                        title, current, text, hash, null);
            }
            var duplicateOf = documents.findIndexedWithHash(in.spaceId(), hash, sha256(raw.normalizedText()), self);
            if (duplicateOf.isPresent()) {
                return new IngestPreview(documentId, Outcome.DUPLICATE, title, current, text, hash,
                        "Gleicher Inhalt wie Dokument " + duplicateOf.get() + " / Same content as document " + duplicateOf.get());
            }
            return new IngestPreview(documentId, current == null ? Outcome.NEW : Outcome.CHANGED, title, current, text,
                    hash, null);
        } catch (RuntimeException e) {
            log.warn("Preview of {} failed unexpectedly", in.url(), e);
            return new IngestPreview(null, Outcome.FAILED, in.title(), null, null, null,
                    "Interner Fehler bei der Verarbeitung / Internal processing error");
        }
    }

    /** Processes a pending upload (raw bytes in PostgreSQL). Called by the upload workers inside the tenant's scope. */
    public IngestResult processUpload(UUID documentId) {
        Documents.Document doc = documents.find(documentId).orElse(null);
        if (doc == null || doc.status() != DocumentStatus.PENDING) {
            return null;
        }
        byte[] content = documents.content(documentId).orElse(null);
        if (content == null) {
            documents.markFailed(documentId, "Dateiinhalt fehlt / File content missing", null);
            return new IngestResult(documentId, Outcome.FAILED, 0, "missing content");
        }
        return process(doc, content, doc.contentType(), doc.filename(), true, doc.title(), doc.metadata(), true);
    }

    /** Stores an uploaded file as a pending document (bytes in PostgreSQL); the upload workers take it from there. */
    public Documents.Document accept(UUID spaceId, String filename, String contentType, byte[] bytes) {
        UUID id = Ids.newId();
        tx.executeWithoutResult(s -> {
            documents.insert(new Documents.NewDocument(id, spaceId, null, null, "upload", filename, null,
                    contentType, (long) bytes.length, Map.of(), DocumentStatus.PENDING));
            documents.storeContent(id, bytes);
        });
        record(id, "document.uploaded", Map.of("filename", filename == null ? "" : filename, "size", bytes.length));
        return documents.find(id).orElseThrow();
    }

    /** Ends a pending upload as failed (worker gave up). */
    public void failPending(UUID documentId, String reason) {
        documents.find(documentId).filter(d -> d.status() == DocumentStatus.PENDING).ifPresent(d -> fail(d, reason));
    }

    /** One span per document ({@code wattos.ingest}) with extract, embed and index inside it. */
    private IngestResult process(Documents.Document doc, byte[] content, String declaredType, String filename,
            boolean strict, String givenTitle, Map<String, String> givenMetadata, boolean isNew) {
        return Observation.createNotStarted("wattos.ingest", observations)
                .lowCardinalityKeyValue("origin", String.valueOf(doc.origin()))
                .highCardinalityKeyValue("document.id", doc.id().toString())
                .observe(() -> processTraced(doc, content, declaredType, filename, strict, givenTitle, givenMetadata,
                        isNew));
    }

    /** Metadata the index filters on: a change of it alone needs the document indexed again, as a text change does. */
    private static final List<String> SEARCH_METADATA = List.of(IncomingDocument.PERSONAS, IncomingDocument.CURATED);

    static boolean searchMetadataChanged(Map<String, String> stored, Map<String, String> given) {
        if (given == null) {
            return false;
        }
        for (String key : SEARCH_METADATA) {
            if (given.containsKey(key) && !blankToEmpty(given.get(key)).equals(blankToEmpty(stored == null ? null : stored.get(key)))) {
                return true;
            }
        }
        return false;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    private IngestResult processTraced(Documents.Document doc, byte[] content, String declaredType, String filename,
            boolean strict, String givenTitle, Map<String, String> givenMetadata, boolean isNew) {
        ExtractedDocument raw;
        Observation extracting = Observation.start("wattos.ingest.extract", observations);
        try {
            raw = extractor.extract(content, declaredType, filename, strict);
        } catch (ExtractionException e) {
            extracting.error(e);
            return fail(doc, e.getMessage());
        } finally {
            extracting.stop();
        }
        String sourceKey = doc.sourceId() == null ? null : doc.sourceId().toString();
        boolean learnBlocks = sourceKey != null && "text/html".equals(raw.detectedType());
        List<String> allBlockHashes = blockHashes(raw.blocks());
        ExtractedDocument extracted = learnBlocks ? dropRepeatedBlocks(raw, sourceKey, doc.id()) : raw;
        if (learnBlocks) {
            if (extracted.blocks().isEmpty()) {
                return fail(doc, "Seite enthält nur wiederkehrende Seitenelemente (Navigation, Hinweise) / "
                        + "Page holds only repeated boilerplate");
            }
        }
        String text = extracted.normalizedText();
        String hash = sha256(text);
        if (hash.equals(doc.contentHash()) && doc.status().served() && !searchMetadataChanged(doc.metadata(), givenMetadata)) {
            documents.touch(doc.id());
            return new IngestResult(doc.id(), doc.status() == DocumentStatus.DUPLICATE ? Outcome.DUPLICATE : Outcome.UNCHANGED,
                    doc.chunkCount(), null);
        }
        String title = firstNonBlank(doc.origin().equals("upload") ? doc.title() : givenTitle, extracted.title(),
                doc.title(), filename, doc.url());
        String rawHash = sha256(raw.normalizedText());
        var duplicateOf = documents.findIndexedWithHash(doc.spaceId(), hash, rawHash, doc.id());
        if (duplicateOf.isPresent()) {
            UUID dup = duplicateOf.get();
            tx.executeWithoutResult(s -> documents.markDuplicate(doc.id(), dup, hash, title, extracted.detectedType()));
            index.delete(doc.id());
            return new IngestResult(doc.id(), Outcome.DUPLICATE, 0,
                    "Gleicher Inhalt wie Dokument " + dup + " / Same content as document " + dup);
        }
        Map<String, String> metadata = new LinkedHashMap<>(extracted.metadata());
        metadata.putAll(doc.metadata());
        if (givenMetadata != null) {
            metadata.putAll(givenMetadata);
        }
        List<Chunker.Chunk> chunks = chunker.chunk(extracted.blocks());
        List<String> contextual = chunks.stream()
                .map(c -> embeddingText(title, c.headingPath(), c.text())).toList();
        List<float[]> vectors;
        try {
            vectors = Observation.createNotStarted("wattos.ingest.embed", observations)
                    .highCardinalityKeyValue("chunks", String.valueOf(contextual.size()))
                    .observe(() -> fairEmbedder.embed(contextual));
        } catch (StoppingException stopping) {
            throw stopping; // not the document's fault: it stays pending and is redone after the restart
        } catch (RuntimeException e) {
            log.warn("Embedding failed for document {}", doc.id(), e);
            return fail(doc, "Einbettung fehlgeschlagen (Embedding-Dienst nicht erreichbar?) / Embedding failed: "
                    + e.getMessage());
        }
        List<Documents.ChunkRow> rows = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunker.Chunk c = chunks.get(i);
            rows.add(new Documents.ChunkRow(Ids.newId(), c.ordinal(), c.headingPath(), c.page(), c.startOffset(), c.text(),
                    c.tokens(), vectors.get(i), embeddings.id()));
        }
        String preview = text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + " …";
        String finalTitle = title;
        // The index is written inside the transaction that marks the document indexed: whoever reads "indexed"
        // finds it here. A failed index write rolls the status back and ends as a recorded failure; a failed
        // commit after the index write puts this node's index back to what PostgreSQL holds.
        boolean[] written = {false};
        try {
            tx.executeWithoutResult(s -> {
                documents.replaceChunks(doc.id(), doc.spaceId(), rows);
                documents.markIndexed(doc.id(), finalTitle, extracted.detectedType(), metadata, hash, rows.size(),
                        preview);
                documents.setRawHash(doc.id(), rawHash);
                documents.setFullText(doc.id(), text);
                if (learnBlocks) {
                    documents.recordBlocks(sourceKey, doc.id(), allBlockHashes);
                }
                Documents.Document stored = documents.find(doc.id()).orElseThrow();
                try {
                    Observation.createNotStarted("wattos.ingest.index", observations)
                            .observe(() -> index.putHere(stored, rows));
                } catch (RuntimeException e) {
                    throw new IndexWriteFailed(e);
                }
                written[0] = true;
            });
        } catch (IndexWriteFailed e) {
            log.warn("Search index write failed for document {}", doc.id(), e.getCause());
            restoreIndex(doc.id());
            String reason = "Suchindex konnte nicht geschrieben werden / Search index write failed: "
                    + e.getCause().getMessage();
            if (doc.status().served()) {
                // the previous version stays in PostgreSQL and serves on; the next run tries the new one again
                return new IngestResult(doc.id(), Outcome.FAILED, 0, reason);
            }
            return fail(doc, reason);
        } catch (RuntimeException e) {
            if (written[0]) {
                restoreIndex(doc.id());
            }
            throw e;
        }
        index.announce(doc.id());
        try {
            index.learn(text);
        } catch (RuntimeException e) {
            log.debug("Vocabulary update failed", e);
        }
        boolean changed = !isNew && doc.contentHash() != null;
        Outcome outcome = changed ? Outcome.CHANGED : Outcome.NEW;
        publish(doc, outcome.name(), rows.size(), null);
        return new IngestResult(doc.id(), outcome, rows.size(), null);
    }

    private void restoreIndex(UUID documentId) {
        try {
            index.restore(documentId);
        } catch (RuntimeException e) {
            log.warn("Could not put the search index of document {} back; the next start repairs it", documentId, e);
        }
    }

    /** An index write failed inside the ingestion transaction (rolls it back; the document ends failed). */
    private static final class IndexWriteFailed extends RuntimeException {
        IndexWriteFailed(RuntimeException cause) {
            super(cause);
        }
    }

    /** The text that is embedded for a chunk: title and heading path as context, then the chunk. */
    static String embeddingText(String title, String headingPath, String text) {
        String context = ChunkWriter.contextOf(title, headingPath);
        return context.isEmpty() ? text : context + "\n" + text;
    }

    private IngestResult fail(Documents.Document doc, String reason) {
        tx.executeWithoutResult(s -> documents.markFailed(doc.id(), reason, null));
        index.delete(doc.id());
        publish(doc, "FAILED", 0, reason);
        return new IngestResult(doc.id(), Outcome.FAILED, 0, reason);
    }

    private ExtractedDocument dropRepeatedBlocks(ExtractedDocument doc, String sourceKey, UUID documentId) {
        List<String> hashes = blockHashes(doc.blocks());
        Set<String> frequent = new HashSet<>(documents.frequentBlocks(sourceKey, documentId, hashes,
                props.boilerplateMinDocs(), props.boilerplateMinShare()));
        if (frequent.isEmpty()) {
            return doc;
        }
        List<Block> kept = new ArrayList<>();
        for (Block b : doc.blocks()) {
            if (b.kind() == Block.Kind.HEADING || !frequent.contains(blockHash(b))) {
                kept.add(b);
            }
        }
        // drop headings left without any content below them
        List<Block> cleaned = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            Block b = kept.get(i);
            if (b.kind() == Block.Kind.HEADING) {
                boolean hasContent = false;
                for (int j = i + 1; j < kept.size(); j++) {
                    if (kept.get(j).kind() != Block.Kind.HEADING) {
                        hasContent = true;
                        break;
                    }
                    if (kept.get(j).level() <= b.level()) {
                        break;
                    }
                }
                if (!hasContent) {
                    continue;
                }
            }
            cleaned.add(b);
        }
        return doc.withBlocks(cleaned);
    }

    private static List<String> blockHashes(List<Block> blocks) {
        List<String> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b.kind() != Block.Kind.HEADING) {
                out.add(blockHash(b));
            }
        }
        return out;
    }

    private static String blockHash(Block b) {
        return sha256(b.text().toLowerCase(Locale.ROOT)).substring(0, 32);
    }

    /**
     * Sets a document's title and/or metadata and puts it back into the index with them.
     *
     * @return false when the document is removed (or gone) meanwhile
     */
    public boolean updateMetadata(UUID documentId, String title, Map<String, String> metadata) {
        String cleanTitle = title == null || title.isBlank() ? null : title.strip();
        if (documents.updateMetadata(documentId, cleanTitle, metadata) < 0) {
            return false;
        }
        index.reindex(documentId, true);
        record(documentId, "document.updated",
                Map.of("fields", metadata == null ? List.of("title") : List.of("title", "metadata")));
        return true;
    }

    @Override
    public void remove(UUID documentId) {
        Boolean removed = tx.execute(s -> documents.markRemoved(documentId));
        index.delete(documentId);
        if (Boolean.TRUE.equals(removed)) {
            documents.find(documentId).ifPresent(d -> publish(d, "REMOVED", 0, null));
        }
    }

    /** Tells other modules (and the audit trail) what became of the document. */
    private void publish(Documents.Document doc, String outcome, int chunks, String reason) {
        bus.publish(new de.wattos.knowledge.DocumentIndexed(TenantContext.currentId(), doc.spaceId(), doc.id(),
                outcome, chunks, reason, Ids.newId(), java.time.Instant.now()));
    }

    void record(UUID documentId, String action, Map<String, Object> details) {
        bus.publish(DomainEvent.of(EventDomain.KNOWLEDGE, action, DomainEvent.Subject.of("document", documentId), details));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String filename(String url) {
        if (url == null) {
            return null;
        }
        String path = url.replaceFirst("[?#].*$", "");
        int slash = path.lastIndexOf('/');
        String last = slash < 0 ? path : path.substring(slash + 1);
        return last.isBlank() ? null : last;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
