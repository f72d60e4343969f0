package de.wattos.tenancy.internal;

import de.wattos.platform.ApiException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password policy and hashing (bcrypt, cost 10). bcrypt reads at most 72 bytes, so the policy caps passwords at
 * 72 bytes of UTF-8 (72 ASCII characters, fewer with umlauts or emoji) and says so, instead of silently ignoring
 * the rest or pre-hashing.
 */
@Component
public class Passwords {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
    /** Compared against when the user does not exist, so timing does not tell. */
    private final String dummyHash = encoder.encode("no-such-user-dummy-password");

    public String hash(String field, String password) {
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
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiException.invalidField(field, "field.password.too_many_bytes", MAX_BYTES);
        }
        if (password.isBlank()) {
            throw ApiException.invalidField(field, "field.password.blank");
        }
    }

    public boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            encoder.matches("x", dummyHash);
            return false;
        }
        return encoder.matches(password, hash == null ? dummyHash : hash) && hash != null;
    }
}
