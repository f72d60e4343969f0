package de.wattos.avatar.internal;

import de.wattos.avatar.AvatarSummary;
import org.springframework.stereotype.Service;

/** Import from a URL: download through the SSRF guard, then the same validation and processing as an upload. */
@Service
public class AvatarImports {

    private final AvatarDownloads downloads;
    private final AvatarLibrary library;

    AvatarImports(AvatarDownloads downloads, AvatarLibrary library) {
        this.downloads = downloads;
        this.library = library;
    }

    public AvatarSummary importFrom(String url, String name) {
        byte[] file = downloads.fetch(url);
        String fallback = url.replaceAll("[?#].*$", "").replaceAll(".*/", "").replaceAll("(?i)\\.(glb|vrm)$", "");
        return library.add(name == null || name.isBlank() ? (fallback.isBlank() ? "Avatar" : fallback) : name, file,
                "url", url);
    }
}
