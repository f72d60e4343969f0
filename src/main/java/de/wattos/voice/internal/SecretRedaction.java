package de.wattos.voice.internal;

import java.util.regex.Pattern;

/**
 * Removes what could be a credential from a provider's error text before it reaches a client. Providers echo keys
 * in their errors (OpenAI: "Incorrect API key provided: sk-proj-****abcd"), and a masked key still gives away its
 * last characters; so besides the tenant's own key, anything shaped like a key or a masked key goes.
 */
final class SecretRedaction {

    static final String REDACTED = "[redacted]";

    /** sk-… keys, bearer tokens, and long runs of letters mixed with digits (German compounds are long too). */
    private static final Pattern KEY_LIKE = Pattern.compile(
            "(?i)\\bsk-[\\w*•.-]+|(?i)bearer\\s+\\S+|(?=[\\w*•+/=-]*\\d)(?=[\\w*•+/=-]*[A-Za-z])[\\w*•+/=-]{20,}");
    /** Mixed runs such as "abc***wxyz" where the masking itself is the tell. */
    private static final Pattern MASKED = Pattern.compile("\\S*[*•]{3,}\\S*");

    private SecretRedaction() {
    }

    static String redact(String message, String key) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        String out = message;
        if (key != null && key.length() >= 4) {
            out = out.replace(key, REDACTED);
        }
        out = KEY_LIKE.matcher(out).replaceAll(REDACTED);
        return MASKED.matcher(out).replaceAll(REDACTED);
    }
}
