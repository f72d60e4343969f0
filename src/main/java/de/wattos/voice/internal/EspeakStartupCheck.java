package de.wattos.voice.internal;

import de.wattos.voice.internal.espeak.EspeakLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at start-up whether offline German speech works, so an operator sees a missing espeak-ng at once. */
@Component
class EspeakStartupCheck {

    private static final Logger log = LoggerFactory.getLogger("de.wattos.voice");

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        String problem = EspeakLibrary.problem();
        if (problem == null) {
            log.info("Voice: offline German speech ready (espeak-ng, {} Hz)", EspeakLibrary.get().sampleRate());
        } else {
            log.warn("Voice: offline speech unavailable: {}. Everything else works; tenants may configure an "
                    + "OpenAI-compatible, ElevenLabs or Azure speech provider.", problem);
        }
    }
}
