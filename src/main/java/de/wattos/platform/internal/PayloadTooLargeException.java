package de.wattos.platform.internal;

import java.io.IOException;

/** Raised while reading a request body that exceeds its limit; rendered as 413. */
class PayloadTooLargeException extends IOException {
    PayloadTooLargeException(String message) {
        super(message);
    }
}
