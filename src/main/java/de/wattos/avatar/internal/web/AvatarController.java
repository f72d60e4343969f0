package de.wattos.avatar.internal.web;

import de.wattos.avatar.AvatarFile;
import de.wattos.avatar.AvatarSummary;
import de.wattos.avatar.internal.AvatarImports;
import de.wattos.avatar.internal.AvatarLibrary;
import de.wattos.avatar.internal.check.AvatarReport;
import de.wattos.platform.ApiException;
import de.wattos.platform.TenantContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A tenant's avatar library: upload (multipart), import from a URL, a dry-run check, list, files by texture cap,
 * thumbnails, delete. The default avatar is always there under {@code /avatars/default}.
 */
@RestController
class AvatarController {

    static final String BASE = "/api/v1/tenants/{tenant}/avatars";

    private final AvatarLibrary library;
    private final AvatarImports imports;

    AvatarController(AvatarLibrary library, AvatarImports imports) {
        this.library = library;
        this.imports = imports;
    }

    record ImportRequest(String url, String name) {
    }

    @GetMapping(BASE)
    List<AvatarSummary> list(@PathVariable String tenant) {
        return library.list();
    }

    @PostMapping(path = BASE, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<AvatarSummary> upload(@PathVariable String tenant,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String name) {
        AvatarSummary added = library.add(name == null ? baseName(file) : name, bytes(file), "upload", null);
        return created(added);
    }

    @PostMapping(path = BASE + "/imports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AvatarSummary> importFromUrl(@PathVariable String tenant, @RequestBody ImportRequest request) {
        if (request.url() == null || request.url().isBlank()) {
            throw ApiException.invalidField("url", "must be given");
        }
        return created(imports.importFrom(request.url().strip(), request.name()));
    }

    /** The validation report of a file without storing it. */
    @PostMapping(path = BASE + "/checks", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    AvatarReport check(@PathVariable String tenant, @RequestPart(name = "file", required = false) MultipartFile file) {
        return library.check(bytes(file));
    }

    @GetMapping(BASE + "/{id}")
    Map<String, Object> get(@PathVariable String tenant, @PathVariable UUID id) {
        AvatarSummary summary = library.find(id).orElseThrow(() -> ApiException.notFound("Avatar"));
        return Map.of("avatar", summary, "report", library.report(id));
    }

    @GetMapping(BASE + "/{id}/glb")
    ResponseEntity<byte[]> glb(@PathVariable String tenant, @PathVariable UUID id,
            @RequestParam(defaultValue = "4096") int maxTexture) {
        return serve(library.file(id, maxTexture).orElseThrow(() -> ApiException.notFound("Avatar")));
    }

    @GetMapping(BASE + "/{id}/thumbnail")
    ResponseEntity<byte[]> thumbnail(@PathVariable String tenant, @PathVariable UUID id) {
        return serve(library.thumbnail(id).orElseThrow(() -> ApiException.notFound("Avatar")));
    }

    @GetMapping(BASE + "/default/glb")
    ResponseEntity<byte[]> defaultGlb(@PathVariable String tenant) {
        return serve(library.defaultGlb());
    }

    @GetMapping(BASE + "/default/thumbnail")
    ResponseEntity<byte[]> defaultThumbnail(@PathVariable String tenant) {
        return serve(library.defaultThumbnail());
    }

    @DeleteMapping(BASE + "/{id}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable UUID id) {
        library.delete(id);
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<AvatarSummary> created(AvatarSummary added) {
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + TenantContext.current().slug() + "/avatars/"
                + added.id())).body(added);
    }

    static ResponseEntity<byte[]> serve(AvatarFile f) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, f.contentType()).eTag(f.etag())
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(10)).cachePrivate()).body(f.bytes());
    }

    private static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw ApiException.invalidField("file", "a .glb file is required");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String baseName(MultipartFile file) {
        String n = file == null || file.getOriginalFilename() == null ? "Avatar" : file.getOriginalFilename();
        n = n.replaceAll("(?i)\\.(glb|vrm)$", "").replaceAll("[\\\\/]", "_");
        return n.isBlank() ? "Avatar" : n.length() > 100 ? n.substring(0, 100) : n;
    }
}
