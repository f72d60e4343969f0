package de.wattos.avatar.internal;

import de.wattos.platform.ApiException;
import de.wattos.platform.UrlGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Fetches a GLB exported by an avatar service (Ready Player Me, avaturn …) from a URL: every hop through the SSRF
 * guard (redirects followed by hand, at most five), a deadline, the declared type checked before the body is read
 * (a web page or picture where a model was meant is refused by name, not after 30 MB), and the size cap enforced
 * while reading.
 */
@Component
class AvatarDownloads {

    private static final int MAX_REDIRECTS = 5;

    private final UrlGuard guard;
    private final AvatarProperties properties;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    AvatarDownloads(UrlGuard guard, AvatarProperties properties) {
        this.guard = guard;
        this.properties = properties;
    }

    byte[] fetch(String url) {
        URI uri = check(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Accept", "model/gltf-binary, application/octet-stream;q=0.9, */*;q=0.1")
                    .header("User-Agent", "WattOS avatar import").GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new ApiException(HttpStatus.BAD_GATEWAY, "avatar_download_failed", "Cannot download " + uri + ": "
                        + e.getClass().getSimpleName()).withMessageKey("problem.avatar_download_failed.unreachable", uri);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(HttpStatus.BAD_GATEWAY, "avatar_download_failed", "The download was interrupted")
                        .withMessageKey("problem.avatar_download_failed.broke_off", uri);
            }
            int status = response.statusCode();
            if (status / 100 == 3) {
                close(response.body());
                URI from = uri;
                String location = response.headers().firstValue("location").orElseThrow(() -> new ApiException(
                        HttpStatus.BAD_GATEWAY, "avatar_download_failed", "Redirect without a Location from " + from)
                        .withMessageKey("problem.avatar_download_failed.redirect", from));
                uri = check(uri.resolve(location).toString());
                continue;
            }
            if (status != 200) {
                close(response.body());
                throw new ApiException(HttpStatus.BAD_GATEWAY, "avatar_download_failed", "Downloading " + uri
                        + " answered HTTP " + status).withMessageKey("problem.avatar_download_failed.status", uri,
                        String.valueOf(status));
            }
            String type = response.headers().firstValue("content-type").orElse("");
            if (!modelType(type)) {
                close(response.body());
                throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "avatar_wrong_type", uri + " is not a 3D model "
                        + "(GLB or VRM) but " + printable(type)).withArgs(uri, printable(type));
            }
            long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > properties.maxUploadBytes()) {
                close(response.body());
                throw tooLarge();
            }
            try (InputStream in = response.body()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    if (out.size() > properties.maxUploadBytes()) {
                        throw tooLarge();
                    }
                }
                return out.toByteArray();
            } catch (IOException e) {
                throw new ApiException(HttpStatus.BAD_GATEWAY, "avatar_download_failed", "The download of " + uri
                        + " broke off").withMessageKey("problem.avatar_download_failed.broke_off", uri);
            }
        }
        throw new ApiException(HttpStatus.BAD_GATEWAY, "avatar_download_failed", "Too many redirects")
                .withMessageKey("problem.avatar_download_failed.redirect", url);
    }

    /**
     * Types servers give GLB and VRM files: their own, generic binary, or none. Text, pictures, archives and the
     * other media are what a wrong link brings, and the validator would only say "not_glb" about them.
     */
    static boolean modelType(String contentType) {
        String t = contentType.toLowerCase(java.util.Locale.ROOT).split(";", 2)[0].strip();
        return t.isEmpty() || t.equals("model/gltf-binary") || t.equals("model/vrm") || t.equals("model/gltf+binary")
                || t.equals("application/octet-stream") || t.equals("binary/octet-stream")
                || t.equals("application/x-binary") || t.equals("application/vnd.vrm") || t.equals("application/gltf-buffer");
    }

    private static String printable(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private URI check(String url) {
        try {
            return guard.check(url);
        } catch (UrlGuard.BlockedUrlException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", e.getMessage(),
                    List.of(new ApiException.FieldError("url", e.code(), e.getMessage())), Map.of());
        }
    }

    private ApiException tooLarge() {
        long mb = properties.maxUploadBytes() / 1024 / 1024;
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "avatar_too_large", "Avatars may have at most " + mb + " MB")
                .withArgs(String.valueOf(mb));
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing left to read
        }
    }
}
