package de.wattos.knowledge.internal;

/** Content that cannot be turned into text; the message is a reason a person understands (German / English). */
public class ExtractionException extends Exception {

    public ExtractionException(String reason) {
        super(reason);
    }

    public ExtractionException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
