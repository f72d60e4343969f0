package de.wattos.llm;

/** The gateway's detector of German personal data, for other modules' records (e.g. tool arguments of an agent step). */
public interface PersonalDataMasking {

    /** The text with e-mail addresses, phone numbers, IBANs … replaced by placeholders such as {@code [EMAIL_1]}. */
    String mask(String text);
}
