package de.wattos.tenancy.internal;

import de.wattos.platform.ApiException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** Password policy and hashing (bcrypt, cost 10). */
@Component
class Passwords {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
    /** Compared against when the user does not exist, so timing does not tell. */
    private final String dummyHash = encoder.encode("no-such-user-dummy-password");

    String hash(String field, String password) {
        validate(field, password);
        return encoder.encode(password);
    }

    void validate(String field, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ApiException.invalidField(field, "field.password.too_short", MIN_LENGTH);
        }
        if (password.length() > MAX_LENGTH) {
            throw ApiException.invalidField(field, "field.password.too_long", MAX_LENGTH);
        }
        if (password.isBlank()) {
            throw ApiException.invalidField(field, "field.password.blank");
        }
    }

    boolean matches(String password, String hash) {
        if (password == null || password.length() > MAX_LENGTH) {
            encoder.matches("x", dummyHash);
            return false;
        }
        return encoder.matches(password, hash == null ? dummyHash : hash) && hash != null;
    }
}
