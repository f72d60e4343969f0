package de.wattos.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts secrets at rest (provider API keys, crawl credentials) with AES-256-GCM. The master key comes from
 * {@code wattos.secrets.master-key} (env {@code WATTOS_SECRETS_MASTER_KEY}, base64 of 32 bytes), else from
 * {@code <data dir>/master.key}, generated on first use with mode 600. Ciphertexts are {@code v1:<base64(iv|ct)>}.
 */
@Component
public class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public SecretBox(@Value("${wattos.secrets.master-key:}") String configured, DataDirectory data) {
        byte[] raw = StringUtils.hasText(configured) ? Base64.getDecoder().decode(configured.trim())
                : loadOrCreate(data.root().resolve("master.key"));
        if (raw.length != 32) {
            throw new IllegalStateException("wattos.secrets.master-key must be 32 bytes (base64)");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    private byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key " + file, e);
        }
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] ct = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(String sealed) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed (wrong master key?)", e);
        }
    }

    /** What a client may see of a secret. */
    public static final String HINT = "••••";

    /**
     * What a client may see of a secret: only that one is set. Not even its last characters: for a short password
     * (a crawl source's basic auth) they are most of it, and providers echo keys' last characters in their errors.
     */
    public static String hint(String plain) {
        return plain == null || plain.isEmpty() ? null : HINT;
    }
}
