package de.wattos.tenancy.internal;

import de.wattos.platform.DataDirectory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * What the append-only audit log keeps of a name typed at a failed login that matches no account: a keyed hash
 * (HMAC-SHA256 with a key of this installation, mode 600 in the data dir), never the text. A password typed into
 * the name field must not stay forever; repeated attempts with the same name still show up as the same pseudonym.
 */
@Component
public class LoginNamePseudonyms {

    private final SecretKeySpec key;

    LoginNamePseudonyms(DataDirectory data) {
        this.key = new SecretKeySpec(KeyFiles.loadOrCreateKey(data.root().resolve("login-names.key"), 32), "HmacSHA256");
    }

    public String of(String typed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(typed.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "unknown#" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
