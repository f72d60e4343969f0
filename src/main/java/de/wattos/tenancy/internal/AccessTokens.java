package de.wattos.tenancy.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.wattos.platform.DataDirectory;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Our own access tokens: HS256 JWTs, 15 minutes, carrying user and session id (checked live on every request). */
@Component
public class AccessTokens {

    static final String ISSUER = "wattos";

    private final byte[] key;
    private final AuthProperties properties;
    private final Clock clock;

    AccessTokens(AuthProperties properties, DataDirectory data) {
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.key = properties.jwtSecret() != null && !properties.jwtSecret().isBlank()
                ? Base64.getDecoder().decode(properties.jwtSecret().trim())
                : KeyFiles.loadOrCreateKey(data.root().resolve("jwt.key"), 32);
        if (key.length < 32) {
            throw new IllegalStateException("wattos.auth.jwt-secret must be at least 32 bytes (base64)");
        }
    }

    public record Claims(UUID userId, UUID sessionId, Instant expiresAt) {
    }

    public String issue(UUID userId, UUID sessionId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(userId.toString())
                .claim("sid", sessionId.toString()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(properties.accessTokenTtl()))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign token", e);
        }
    }

    public long ttlSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }

    /** True if the token claims to be ours (so it is not handed to the OIDC decoder). */
    static boolean looksLikeOurs(SignedJWT jwt) {
        try {
            return ISSUER.equals(jwt.getJWTClaimsSet().getIssuer());
        } catch (ParseException e) {
            return false;
        }
    }

    /** Verifies signature, issuer and expiry; empty if any fails. */
    Optional<Claims> verify(SignedJWT jwt) {
        try {
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(c.getIssuer()) || c.getExpirationTime() == null
                    || c.getExpirationTime().toInstant().isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Claims(UUID.fromString(c.getSubject()), UUID.fromString(c.getStringClaim("sid")),
                    c.getExpirationTime().toInstant()));
        } catch (JOSEException | ParseException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    static boolean expired(SignedJWT jwt) {
        try {
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            return exp != null && exp.toInstant().isBefore(Instant.now());
        } catch (ParseException e) {
            return false;
        }
    }
}
