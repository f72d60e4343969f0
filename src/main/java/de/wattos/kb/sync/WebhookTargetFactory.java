package de.wattos.kb.sync;

import de.wattos.kb.SyncItem;
import de.wattos.kb.SyncTarget;
import de.wattos.kb.SyncTargetConfig;
import de.wattos.kb.SyncTargetFactory;
import de.wattos.platform.UrlGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code webhook}: a signed JSON POST per batch, {@code {"target", "items": [SyncItem …]}}. The receiver checks
 * {@code X-WattOS-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>} with
 * {@code X-WattOS-Timestamp} (seconds) and may drop items whose {@code deliveryId} it has seen. Any 2xx accepts
 * the batch.
 */
@Component
class WebhookTargetFactory implements SyncTargetFactory {

    static final String SIGNATURE = "X-WattOS-Signature";
    static final String TIMESTAMP = "X-WattOS-Timestamp";

    private final UrlGuard guard;
    private final JsonMapper json;
    private final SyncProperties props;
    private final HttpClient http;

    WebhookTargetFactory(UrlGuard guard, JsonMapper json, SyncProperties props) {
        this.guard = guard;
        this.json = json;
        this.props = props;
        this.http = HttpClient.newBuilder().connectTimeout(props.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public boolean needsSecret() {
        return true;
    }

    @Override
    public boolean needsUrl() {
        return true;
    }

    @Override
    public void validate(SyncTargetConfig config) {
        guard.check(config.url());
    }

    @Override
    public SyncTarget create(SyncTargetConfig config) {
        return batch -> {
            URI uri;
            try {
                uri = guard.check(config.url());
            } catch (UrlGuard.BlockedUrlException e) {
                throw new SyncTarget.SyncFailure("URL refused: " + e.code());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("target", config.name());
            body.put("items", batch);
            String payload = json.writeValueAsString(body);
            String timestamp = String.valueOf(Instant.now().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(props.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "WattOS-KB-Sync")
                    .header(TIMESTAMP, timestamp)
                    .header(SIGNATURE, "sha256=" + sign(config.secret(), timestamp + "." + payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
            send(http, request);
        };
    }

    static void send(HttpClient http, HttpRequest request) throws SyncTarget.SyncFailure {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new SyncTarget.SyncFailure("not reachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncTarget.SyncFailure("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body() == null ? "" : response.body().strip();
            throw new SyncTarget.SyncFailure("HTTP " + response.statusCode()
                    + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + " …" : text)));
        }
    }

    static String sign(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

}
