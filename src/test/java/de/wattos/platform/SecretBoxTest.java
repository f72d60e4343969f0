package de.wattos.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets at rest: AES-GCM round trip, a fresh IV per seal, tamper detection and the generated key file. */
class SecretBoxTest {

    @TempDir
    Path dir;

    private SecretBox box() {
        return new SecretBox("", new DataDirectory(dir.toString()));
    }

    @Test
    void sealsAndOpensWithAFreshIvEachTime() {
        SecretBox box = box();
        String a = box.encrypt("sk-geheim-äöü-🔑");
        String b = box.encrypt("sk-geheim-äöü-🔑");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("geheim");
        assertThat(box.decrypt(a)).isEqualTo("sk-geheim-äöü-🔑");
        assertThat(box.decrypt(b)).isEqualTo("sk-geheim-äöü-🔑");
        assertThat(box.encrypt(null)).isNull();
        assertThat(box.decrypt(null)).isNull();
    }

    @Test
    void theGeneratedKeyIsKeptPrivateAndReusedAcrossRestarts() throws Exception {
        String sealed = box().encrypt("provider-key");
        Path keyFile = dir.resolve("master.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(box().decrypt(sealed)).isEqualTo("provider-key");
    }

    @Test
    void refusesTamperedCiphertextsForeignKeysAndBadConfiguration() {
        String sealed = box().encrypt("provider-key");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> box().decrypt(tampered)).isInstanceOf(IllegalStateException.class);

        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        SecretBox foreign = new SecretBox(otherKey, new DataDirectory(dir.toString()));
        assertThatThrownBy(() -> foreign.decrypt(sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box().decrypt("plain-text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16]), new DataDirectory(dir.toString())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hintsShowOnlyThatASecretIsSet() {
        assertThat(SecretBox.hint("sk-1234567890abcd")).isEqualTo("••••");
        assertThat(SecretBox.hint("ab")).isEqualTo("••••");
        assertThat(SecretBox.hint("")).isNull();
        assertThat(SecretBox.hint(null)).isNull();
    }
}
