package de.wattos.knowledge.internal.web;

import de.wattos.knowledge.internal.DocumentStatus;
import de.wattos.knowledge.internal.Documents;
import de.wattos.knowledge.internal.IngestionService;
import de.wattos.knowledge.internal.Spaces;
import de.wattos.knowledge.internal.UploadWorkers;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Ids;
import de.wattos.platform.Page;
import de.wattos.platform.TenantContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Documents of a space ({@code …/spaces/{space}/documents}) and, by id alone, {@code …/documents/{id}}.
 * Uploads answer 202 at once with one pending document per file; workers process them in the background.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class DocumentController {

    record DocumentView(UUID id, UUID spaceId, UUID sourceId, String url, String origin, String filename, String title,
            String contentType, String type, Long sizeBytes, Map<String, String> metadata, DocumentStatus status,
            String statusLabel, String failureReason, UUID duplicateOf, int chunkCount, String textPreview, Instant createdAt,
            Instant updatedAt, Instant indexedAt) {

        static DocumentView of(Documents.Document d, boolean preview, String statusLabel) {
            return new DocumentView(d.id(), d.spaceId(), d.sourceId(), d.url(), d.origin(), d.filename(), d.title(),
                    d.detectedType() != null ? d.detectedType() : d.contentType(), d.type(), d.sizeBytes(), d.metadata(),
                    d.status(), statusLabel, d.failureReason(), d.duplicateOf(), d.chunkCount(), preview ? d.textPreview() : null,
                    d.createdAt(), d.updatedAt(), d.indexedAt());
        }
    }

    record Items<T>(List<T> items) {
    }

    /** An upload batch: the files taken (processed in the background) and the ones refused, each with its reason. */
    record UploadResult(List<DocumentView> items, List<RefusedFile> refused) {
    }

    record RefusedFile(String name, String code, String reason) {
    }

    record UpdateRequest(@Size(max = 500) String title, @Size(max = 100) Map<String, @Size(max = 2000) String> metadata) {
    }

    record ChunkView(UUID id, int ordinal, String headingPath, Integer page, int tokens, String text) {
    }

    private final Documents documents;
    private final Spaces spaces;
    private final IngestionService ingestion;
    private final UploadWorkers workers;
    private final TransactionTemplate tx;
    private final MessageSource messages;
    private final DataSize maxFileSize;

    DocumentController(Documents documents, Spaces spaces, IngestionService ingestion, UploadWorkers workers,
            TransactionTemplate tx, MessageSource messages,
            @Value("${wattos.upload.max-file-size:50MB}") DataSize maxFileSize) {
        this.messages = messages;
        this.maxFileSize = maxFileSize;
        this.documents = documents;
        this.spaces = spaces;
        this.ingestion = ingestion;
        this.workers = workers;
        this.tx = tx;
    }

    @PostMapping(path = "/spaces/{space}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<UploadResult> upload(@PathVariable UUID space, @RequestPart("files") List<MultipartFile> files) {
        if (!spaces.exists(space)) {
            throw ApiException.notFound("Space");
        }
        if (files == null || files.isEmpty()) {
            throw ApiException.badRequest("missing_part", "Multipart part 'files' is missing");
        }
        if (files.size() > 100) {
            throw ApiException.invalidField("files", "at most 100 files per request");
        }
        List<DocumentView> created = new ArrayList<>();
        List<RefusedFile> refused = new ArrayList<>();
        for (MultipartFile file : files) {
            // the per-file limit is checked here, not by the multipart parser, so one big file does not sink the batch
            if (file.getSize() > maxFileSize.toBytes()) {
                String name = sanitize(file.getOriginalFilename());
                refused.add(new RefusedFile(name, "file_too_large", messages.getMessage("upload.file_too_large",
                        new Object[] {name, maxFileSize.toMegabytes()}, LocaleContextHolder.getLocale())));
                continue;
            }
            byte[] bytes;
            try {
                bytes = file.getBytes();
            } catch (IOException e) {
                throw ApiException.badRequest("malformed_multipart", "Could not read file " + file.getOriginalFilename());
            }
            created.add(view(ingestion.accept(space, sanitize(file.getOriginalFilename()),
                    file.getContentType(), bytes), false));
        }
        if (created.isEmpty() && !refused.isEmpty()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "Every file exceeds the size limit",
                    List.of(), Map.of("refused", refused));
        }
        workers.kick();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new UploadResult(created, refused));
    }

    /** Paged (newest first); filtered by status, source, type and q (words in title, URL or file name). */
    @GetMapping("/spaces/{space}/documents")
    Page<DocumentView> list(@PathVariable UUID space, @RequestParam(required = false) String status,
            @RequestParam(required = false) String source, @RequestParam(required = false) String type,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (!spaces.exists(space)) {
            throw ApiException.notFound("Space");
        }
        Page.check(page, size);
        DocumentStatus statusFilter = status == null ? null : DocumentStatus.parse(status)
                .orElseThrow(() -> ApiException.invalidField("status", "one of " + DocumentStatus.wireValues()));
        if (source != null && !source.equals("upload") && Ids.parseOrNull(source) == null) {
            throw ApiException.invalidField("source", "'upload' or a source id");
        }
        if (q != null && q.length() > 200) {
            throw ApiException.invalidField("q", "at most 200 characters");
        }
        Documents.Filter filter = new Documents.Filter(space, statusFilter, source, type, q == null || q.isBlank() ? null : q);
        List<DocumentView> items = documents.list(filter, page, size).stream().map(d -> view(d, false)).toList();
        return new Page<>(items, page, size, documents.count(filter));
    }

    /** Document counts per space and status, for the space overview (one query instead of one per space). */
    @GetMapping("/documents/counts")
    Items<Documents.StatusCount> counts() {
        return new Items<>(documents.countsBySpaceAndStatus());
    }

    @GetMapping({"/spaces/{space}/documents/{id}", "/documents/{id}"})
    DocumentView get(@PathVariable(required = false) UUID space, @PathVariable UUID id) {
        return view(find(space, id), true);
    }

    @GetMapping({"/spaces/{space}/documents/{id}/chunks", "/documents/{id}/chunks"})
    Page<ChunkView> chunks(@PathVariable(required = false) UUID space, @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size);
        find(space, id);
        List<ChunkView> items = documents.chunkPage(id, page * size, size).stream()
                .map(c -> new ChunkView(c.id(), c.ordinal(), c.headingPath(), c.page(), c.tokens(), c.text())).toList();
        return new Page<>(items, page, size, documents.countChunks(id));
    }

    @PutMapping({"/spaces/{space}/documents/{id}", "/documents/{id}"})
    DocumentView update(@PathVariable(required = false) UUID space, @PathVariable UUID id,
            @Valid @RequestBody UpdateRequest request) {
        Documents.Document doc = find(space, id);
        if (doc.status() == DocumentStatus.REMOVED) {
            throw ApiException.notFound("Document");
        }
        if (!ingestion.updateMetadata(id, request.title(), request.metadata())) {
            throw ApiException.notFound("Document");
        }
        return view(documents.find(id).orElseThrow(), true);
    }

    @DeleteMapping({"/spaces/{space}/documents/{id}", "/documents/{id}"})
    ResponseEntity<Void> delete(@PathVariable(required = false) UUID space, @PathVariable UUID id) {
        Documents.Document doc = find(space, id);
        if (doc.status() != DocumentStatus.REMOVED) {
            ingestion.remove(id);
        }
        return ResponseEntity.noContent().build();
    }

    private DocumentView view(Documents.Document d, boolean preview) {
        DocumentStatus status = d.status();
        return DocumentView.of(d, preview, messages.getMessage(status.labelKey(), null, status.wire(), LocaleContextHolder.getLocale()));
    }

    private Documents.Document find(UUID space, UUID id) {
        Documents.Document doc = documents.find(id).orElseThrow(() -> ApiException.notFound("Document"));
        if (space != null && !doc.spaceId().equals(space)) {
            throw ApiException.notFound("Document");
        }
        return doc;
    }

    private static String sanitize(String filename) {
        if (filename == null) {
            return null;
        }
        String name = filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        return name.isEmpty() ? null : (name.length() > 255 ? name.substring(0, 255) : name);
    }
}
