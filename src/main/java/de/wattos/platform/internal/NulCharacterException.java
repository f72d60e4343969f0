package de.wattos.platform.internal;

import java.io.IOException;

/** Raised while reading a JSON body that contains a NUL character (PostgreSQL cannot store it); rendered as 400. */
class NulCharacterException extends IOException {
    NulCharacterException() {
        super("NUL character (\\u0000) in the request");
    }
}
