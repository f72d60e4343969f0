package de.wattos.voice.internal.web;

import de.wattos.platform.ApiException;
import de.wattos.platform.Role;
import de.wattos.platform.TenantRole;
import de.wattos.voice.AudioClip;
import de.wattos.voice.SentenceSpeech;
import de.wattos.voice.SpeechLines;
import de.wattos.voice.SpeechRequest;
import de.wattos.voice.SpokenText;
import de.wattos.voice.Transcript;
import de.wattos.voice.Voice;
import de.wattos.voice.VoiceStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speech out and in for a tenant's members (the console's voice preview, API clients). {@code Accept: audio/*}
 * gets the bare audio; otherwise JSON with the audio in base64 and the word and viseme timings.
 */
@RestController
class VoiceController {

    static final String NDJSON = SpeechLines.MEDIA_TYPE;

    private final Voice voice;
    private final JsonMapper json;

    VoiceController(Voice voice, JsonMapper json) {
        this.voice = voice;
        this.json = json;
    }

    record SpeechBody(String text, String voice, String format, String provider, Double rate) {
    }

    @PostMapping("/api/v1/tenants/{tenant}/voice/speech")
    @TenantRole(Role.VIEWER)
    ResponseEntity<?> speech(@PathVariable String tenant, @RequestBody SpeechBody body,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        SpokenText spoken = voice.speak(request(body));
        if (accept != null && accept.startsWith("audio/")) {
            return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, spoken.contentType())
                    .header("X-Wattos-Duration-Ms", Long.toString(spoken.durationMs())).body(spoken.audio());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(spoken);
    }

    private static SpeechRequest request(SpeechBody body) {
        return new SpeechRequest(body.text(), body.voice(), body.format(), body.provider(), body.rate());
    }

    /**
     * Speech as it is synthesised ({@code Accept: application/x-ndjson}): one JSON line per sentence, flushed at
     * once, so playback starts with the first sentence; a last line says it is done (or names the error that
     * stopped it). Bad input is a problem response before anything is streamed.
     */
    @PostMapping(path = "/api/v1/tenants/{tenant}/voice/speech", produces = NDJSON)
    @TenantRole(Role.VIEWER)
    ResponseEntity<StreamingResponseBody> speechStream(@PathVariable String tenant, @RequestBody SpeechBody request,
            HttpServletRequest servletRequest) {
        SentenceSpeech speech = voice.speakBySentence(request(request));
        // the body is written on an async thread under MVC's async request timeout (the container's 30 s unless
        // configured): a long text from a slow service was cut after 30 s, so the stream gets the bound its calls have
        WebAsyncUtils.getAsyncManager(servletRequest).getAsyncWebRequest().setTimeout(speech.timeLimit().toMillis());
        StreamingResponseBody body = out -> SpeechLines.write(speech, out, json);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, NDJSON).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    @PostMapping(path = "/api/v1/tenants/{tenant}/voice/transcriptions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @TenantRole(Role.VIEWER)
    Transcript transcribe(@PathVariable String tenant, @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String language) {
        if (file == null || file.isEmpty()) {
            throw ApiException.invalidField("file", "an audio recording is required");
        }
        try {
            return voice.transcribe(new AudioClip(file.getBytes(), file.getContentType(), file.getOriginalFilename(),
                    language));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/api/v1/tenants/{tenant}/voice/status")
    VoiceStatus status(@PathVariable String tenant) {
        return voice.status();
    }
}
