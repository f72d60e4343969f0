package de.wattos.avatar.internal;

import de.wattos.avatar.AvatarDeleted;
import de.wattos.avatar.AvatarFile;
import de.wattos.avatar.AvatarSummary;
import de.wattos.avatar.AvatarUploaded;
import de.wattos.avatar.Avatars;
import de.wattos.avatar.internal.check.AvatarReport;
import de.wattos.avatar.internal.check.AvatarValidator;
import de.wattos.avatar.internal.check.Finding;
import de.wattos.avatar.internal.process.DefaultAvatar;
import de.wattos.avatar.internal.process.TextureVariants;
import de.wattos.avatar.internal.process.VrmAvatars;
import de.wattos.avatar.internal.process.Thumbnailer;
import de.wattos.avatar.internal.store.StoredAvatars;
import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.DomainEvents;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant's avatar repository: validates each GLB, stores the original, variants with textures capped at
 * 4096/2048/1024 (each re-validated) and a thumbnail; serves the variant that fits a device.
 */
@Service
public class AvatarLibrary implements Avatars {

    public static final List<Integer> CAPS = List.of(4096, 2048, 1024);
    static final int THUMBNAIL = 256;

    private final StoredAvatars store;
    private final AvatarValidator validator;
    private final DomainEvents events;
    private final JsonMapper json;
    private final long maxBytes;
    private volatile AvatarFile defaultGlb;
    private volatile AvatarFile defaultThumbnail;

    public AvatarLibrary(StoredAvatars store, AvatarProperties properties, DomainEvents events, JsonMapper json) {
        this.store = store;
        this.validator = new AvatarValidator(properties.maxUploadBytes(), properties.maxTexture(), properties.maxTriangles());
        this.events = events;
        this.json = json;
        this.maxBytes = properties.maxUploadBytes();
    }

    public AvatarReport check(byte[] file) {
        return validate(normalize(file));
    }

    /** VRM mapped onto the Mixamo/Oculus conventions; a file over the cap is left for the validator to refuse unread. */
    private VrmAvatars.Normalized normalize(byte[] file) {
        return file == null || file.length > maxBytes ? new VrmAvatars.Normalized(file, null) : VrmAvatars.normalize(file);
    }

    /** The validator's report of a (normalized) file; a mapped VRM says so among the warnings. */
    private AvatarReport validate(VrmAvatars.Normalized n) {
        AvatarReport r = validator.validate(n.file());
        if (n.mapping() == null) {
            return r;
        }
        List<Finding> warnings = new ArrayList<>(r.warnings());
        warnings.add(new Finding("vrm_mapped", "VRM " + n.mapping().version() + ": " + n.mapping().bones().size()
                + " humanoid bones given Mixamo names, lip-sync from the model's vowel expressions (aa, ih, ou, ee, oh)"));
        return new AvatarReport(r.valid(), r.errors(), warnings, r.sizeBytes(), r.visemesFound(), r.visemesMissing(),
                r.bonesMissing(), r.arkitBlendShapes(), r.textures(), r.triangles());
    }

    /** Validates and stores; an invalid file answers 422 with every reason. */
    @Transactional
    public AvatarSummary add(String name, byte[] file, String source, String sourceUrl) {
        String cleanName = name == null || name.isBlank() ? "Avatar" : name.strip();
        if (cleanName.length() > 100) {
            throw ApiException.invalidField("name", "at most 100 characters");
        }
        VrmAvatars.Normalized normalized = normalize(file);
        file = normalized.file(); // a VRM is stored as mapped: every variant and the widget see the same bones and visemes
        AvatarReport report = validate(normalized);
        if (!report.valid()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "avatar_invalid", "The file cannot be used as an avatar: "
                    + String.join("; ", report.errors().stream().map(Finding::message).toList()), List.of(),
                    Map.of("errors", report.errors(), "warnings", report.warnings()));
        }
        UUID id = Ids.newId();
        store.insert(new StoredAvatars.Row(id, cleanName, source, sourceUrl, file.length, json.writeValueAsString(report),
                Instant.now()));
        store.insertFile(id, "glb", 0, file, sha256(file));
        for (int cap : CAPS) {
            if (report.largestTexture() <= cap) {
                continue;
            }
            byte[] variant = TextureVariants.downscale(file, cap);
            if (variant == null) {
                continue;
            }
            AvatarReport again = validator.validate(variant);
            if (!again.valid() || again.largestTexture() > cap) {
                throw new IllegalStateException("The " + cap + " variant of " + id + " failed validation: " + again.errors());
            }
            store.insertFile(id, "glb", cap, variant, sha256(variant));
        }
        byte[] thumbnail = Thumbnailer.render(file, THUMBNAIL);
        store.insertFile(id, "thumbnail", 0, thumbnail, sha256(thumbnail));
        events.publish(new AvatarUploaded(TenantContext.currentId(), id, cleanName, source));
        return find(id).orElseThrow();
    }

    @Transactional
    public void delete(UUID id) {
        StoredAvatars.Row row = store.find(id).orElseThrow(() -> ApiException.notFound("Avatar"));
        store.delete(id);
        events.publish(new AvatarDeleted(TenantContext.currentId(), id, row.name()));
    }

    public AvatarReport report(UUID id) {
        return store.find(id).map(r -> json.readValue(r.reportJson(), AvatarReport.class))
                .orElseThrow(() -> ApiException.notFound("Avatar"));
    }

    @Override
    public List<AvatarSummary> list() {
        return store.all().stream().map(this::summary).toList();
    }

    @Override
    public Optional<AvatarSummary> find(UUID avatarId) {
        return avatarId == null ? Optional.empty() : store.find(avatarId).map(this::summary);
    }

    @Override
    public Optional<AvatarFile> file(UUID avatarId, int maxTextureSize) {
        if (avatarId == null) {
            return Optional.of(defaultGlb());
        }
        Optional<StoredAvatars.Row> row = store.find(avatarId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        AvatarReport report = json.readValue(row.get().reportJson(), AvatarReport.class);
        int variant = variantFor(report.largestTexture(), store.variants(avatarId, "glb"), maxTextureSize);
        return store.file(avatarId, "glb", variant)
                .map(f -> new AvatarFile(f.content(), "model/gltf-binary", "\"" + f.sha256().substring(0, 32) + "\""));
    }

    @Override
    public Optional<AvatarFile> thumbnail(UUID avatarId) {
        if (avatarId == null) {
            return Optional.of(defaultThumbnail());
        }
        return store.file(avatarId, "thumbnail", 0)
                .map(f -> new AvatarFile(f.content(), "image/png", "\"" + f.sha256().substring(0, 32) + "\""));
    }

    /** The original when its textures fit; else the largest variant not above the cap; else the smallest variant. */
    static int variantFor(int largestTexture, List<Integer> stored, int max) {
        if (largestTexture <= max || stored.size() <= 1) {
            return 0;
        }
        int best = -1;
        int smallest = Integer.MAX_VALUE;
        for (int v : stored) {
            if (v == 0) {
                continue;
            }
            smallest = Math.min(smallest, v);
            if (v <= max && v > best) {
                best = v;
            }
        }
        return best > 0 ? best : smallest;
    }

    public AvatarFile defaultGlb() {
        AvatarFile f = defaultGlb;
        if (f == null) {
            byte[] bytes = DefaultAvatar.glb();
            f = new AvatarFile(bytes, "model/gltf-binary", "\"" + sha256(bytes).substring(0, 32) + "\"");
            defaultGlb = f;
        }
        return f;
    }

    public AvatarFile defaultThumbnail() {
        AvatarFile f = defaultThumbnail;
        if (f == null) {
            byte[] bytes = Thumbnailer.render(defaultGlb().bytes(), THUMBNAIL);
            f = new AvatarFile(bytes, "image/png", "\"" + sha256(bytes).substring(0, 32) + "\"");
            defaultThumbnail = f;
        }
        return f;
    }

    private AvatarSummary summary(StoredAvatars.Row r) {
        AvatarReport report = json.readValue(r.reportJson(), AvatarReport.class);
        List<Integer> variants = new ArrayList<>();
        for (int v : store.variants(r.id(), "glb")) {
            variants.add(v == 0 ? Math.max(report.largestTexture(), 0) : v);
        }
        return new AvatarSummary(r.id(), r.name(), r.source(), r.sizeBytes(), report.visemesFound().size(),
                report.arkitBlendShapes().size(), report.largestTexture(), variants,
                report.warnings().stream().map(Finding::message).toList(), r.createdAt());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
