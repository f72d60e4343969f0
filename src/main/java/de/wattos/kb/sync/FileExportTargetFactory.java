package de.wattos.kb.sync;

import de.wattos.kb.SyncItem;
import de.wattos.kb.SyncTarget;
import de.wattos.kb.SyncTargetConfig;
import de.wattos.kb.SyncTargetFactory;
import de.wattos.platform.DataDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code file-export}: every batch becomes one ZIP bundle with {@code items.jsonl} (one {@link SyncItem} per line)
 * in the data dir ({@code exports/kb/<tenant>/<target>/}), for an operator to import (e.g. into F13). Bundles are
 * written to a temporary name and moved into place, so a half-written one is never listed.
 */
@Component
public class FileExportTargetFactory implements SyncTargetFactory {

    public static final Pattern BUNDLE_NAME = Pattern.compile("kb-\\d{8}T\\d{9}Z-[0-9a-f]{8}\\.zip");

    private final DataDirectory data;
    private final JsonMapper json;

    FileExportTargetFactory(DataDirectory data, JsonMapper json) {
        this.data = data;
        this.json = json;
    }

    @Override
    public String type() {
        return "file-export";
    }

    @Override
    public boolean needsSecret() {
        return false;
    }

    @Override
    public boolean needsUrl() {
        return false;
    }

    public Path directory(UUID tenantId, UUID targetId) {
        return data.resolve("exports").resolve("kb").resolve(tenantId.toString()).resolve(targetId.toString());
    }

    /** The target's bundles, oldest first. */
    public List<Path> bundles(UUID tenantId, UUID targetId) throws IOException {
        Path dir = directory(tenantId, targetId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> BUNDLE_NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    /** No empty bundle for a test: the export directory must exist (or be creatable) and be writable. */
    @Override
    public void probe(SyncTargetConfig config) throws SyncTarget.SyncFailure {
        Path dir = directory(config.tenantId(), config.id());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SyncTarget.SyncFailure("export directory cannot be created: " + e.getClass().getSimpleName(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new SyncTarget.SyncFailure("export directory is not writable");
        }
    }

    @Override
    public SyncTarget create(SyncTargetConfig config) {
        return batch -> {
            Path dir = directory(config.tenantId(), config.id());
            String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
            String name = "kb-" + stamp + "-" + UUID.randomUUID().toString().substring(0, 8) + ".zip";
            try {
                Files.createDirectories(dir);
                Path partial = dir.resolve(name + ".partial");
                try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry("items.jsonl"));
                    for (SyncItem item : batch) {
                        zip.write(json.writeValueAsString(item).getBytes(StandardCharsets.UTF_8));
                        zip.write('\n');
                    }
                    zip.closeEntry();
                }
                Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new SyncTarget.SyncFailure("export could not be written: " + e.getClass().getSimpleName(), e);
            }
        };
    }
}
