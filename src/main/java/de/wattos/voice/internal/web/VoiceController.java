package de.wattos.voice.internal.web;

import de.wattos.platform.ApiException;
import de.wattos.platform.Role;
import de.wattos.platform.TenantRole;
import de.wattos.voice.AudioClip;
import de.wattos.voice.SpeechRequest;
import de.wattos.voice.SpokenText;
import de.wattos.voice.Transcript;
import de.wattos.voice.Voice;
import de.wattos.voice.VoiceStatus;
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
import org.springframework.web.multipart.MultipartFile;

/**
 * Speech out and in for a tenant's members (the console's voice preview, API clients). {@code Accept: audio/*}
 * gets the bare audio; otherwise JSON with the audio in base64 and the word and viseme timings.
 */
@RestController
class VoiceController {

    private final Voice voice;

    VoiceController(Voice voice) {
        this.voice = voice;
    }

    record SpeechBody(String text, String voice, String format, String provider, Double rate) {
    }

    @PostMapping("/api/v1/tenants/{tenant}/voice/speech")
    @TenantRole(Role.VIEWER)
    ResponseEntity<?> speech(@PathVariable String tenant, @RequestBody SpeechBody body,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        SpokenText spoken = voice.speak(new SpeechRequest(body.text(), body.voice(), body.format(), body.provider(),
                body.rate()));
        if (accept != null && accept.startsWith("audio/")) {
            return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, spoken.contentType())
                    .header("X-Wattos-Duration-Ms", Long.toString(spoken.durationMs())).body(spoken.audio());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(spoken);
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
