package de.wattos.llm.internal.pii;

import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.PersonalDataMasking;
import de.wattos.llm.ToolCall;
import de.wattos.platform.text.PersonalData;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Replaces German personal data in a prompt by typed placeholders ({@code [EMAIL_1]}, {@code [IBAN_1]} …) before
 * it goes to an external provider, and puts the originals back into the answer. The same value gets the same
 * placeholder throughout one request.
 */
@Component
public class PiiShield implements PersonalDataMasking {

    /** Tells the model what the placeholders are, so it keeps them verbatim (they are restored afterwards). */
    static final String HINT = "Hinweis: Personenbezogene Daten sind durch Platzhalter wie [EMAIL_n] oder [TELEFON_n] "
            + "ersetzt. Übernimm Platzhalter unverändert, wenn du sie in der Antwort nennst.";

    public Masked mask(List<ModelMessage> messages) {
        PiiVault vault = new PiiVault();
        List<ModelMessage> out = new ArrayList<>(messages.size() + 1);
        for (ModelMessage m : messages) {
            ModelMessage masked = m.withContent(m.content() == null ? null : PersonalData.mask(m.content(), vault::placeholder));
            if (!m.toolCalls().isEmpty()) {
                masked = new ModelMessage(m.role(), masked.content(), m.toolCalls().stream()
                        .map(c -> new ToolCall(c.id(), c.name(), c.arguments() == null ? null : PersonalData.mask(c.arguments(), vault::placeholder)))
                        .toList(), m.toolCallId(), m.toolName());
            }
            out.add(masked);
        }
        if (!vault.isEmpty()) {
            int firstSystem = -1;
            for (int i = 0; i < out.size() && firstSystem < 0; i++) {
                if (out.get(i).role() == ModelMessage.Role.SYSTEM) {
                    firstSystem = i;
                }
            }
            if (firstSystem >= 0) {
                ModelMessage s = out.get(firstSystem);
                out.set(firstSystem, new ModelMessage(s.role(), (s.content() == null ? "" : s.content() + "\n\n") + HINT));
            } else {
                out.addFirst(new ModelMessage(ModelMessage.Role.SYSTEM, HINT));
            }
        }
        return new Masked(out, vault);
    }

    @Override
    public String mask(String text) {
        return text == null ? null : PersonalData.mask(text, new PiiVault()::placeholder);
    }

    public String mask(String text, PiiVault vault) {
        return PersonalData.mask(text, vault::placeholder);
    }

    /** A masked prompt and what is needed to restore the answer. */
    public record Masked(List<ModelMessage> messages, PiiVault vault) {

        public int count() {
            return vault.size();
        }

        public String restore(String text) {
            return vault.restore(text);
        }

        public StreamingRestorer restorer() {
            return new StreamingRestorer(vault);
        }
    }
}
