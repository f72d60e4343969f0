package de.wattos.widget.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import de.wattos.platform.ApiException;
import de.wattos.platform.SecretBox;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Visitor tokens: short-lived HS256 JWTs (nimbus-jose-jwt) bound to one widget (audience = public key) and one
 * page origin. The HMAC key is generated once per installation and kept in the database sealed by
 * {@link SecretBox}, so every instance of a cluster signs and verifies with the same key.
 */
@Component
public class VisitorTokens {

    private static final String ISSUER = "wattos-widget";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final WidgetProperties properties;
    private final Clock clock = Clock.systemUTC();
    private volatile byte[] key;

    public record Issued(String token, Instant expiresAt, String visitorId) {
    }

    public record Visitor(String visitorId, Instant issuedAt, Instant expiresAt) {
    }

    VisitorTokens(JdbcClient jdbc, SecretBox secrets, WidgetProperties properties) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.properties = properties;
    }

    public Issued issue(Widget widget, String origin, String visitorId) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.visitorTokenTtl());
        String visitor = visitorId != null ? visitorId : "v_" + UUID.randomUUID().toString().replace("-", "");
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(visitor).audience(widget.publicKey())
                .claim("wid", widget.id().toString()).claim("origin", origin).issueTime(Date.from(now))
                .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign visitor token", e);
        }
        return new Issued(jwt.serialize(), expires, visitor);
    }

    /** Verifies an {@code Authorization: Bearer} header for this widget and origin; 401 with a stable code otherwise. */
    public Visitor verify(String authorization, Widget widget, String origin) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("visitor_token_missing",
                    "A visitor token is required (POST /api/v1/public/widgets/{publicKey}/sessions)");
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : "";
        Visitor v = parse(token, widget, origin);
        if (!v.expiresAt().isAfter(clock.instant())) {
            throw ApiException.unauthorized("visitor_token_expired", "The visitor token has expired; open a new session");
        }
        return v;
    }

    /** An expired but genuine token of this widget and origin, still inside the renewal window, keeps its visitor id. */
    public String renewableVisitor(String token, Widget widget, String origin) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            Visitor v = parse(token, widget, origin);
            return v.issuedAt().plus(properties.visitorTokenRenewal()).isAfter(clock.instant()) ? v.visitorId() : null;
        } catch (ApiException e) {
            return null;
        }
    }

    private Visitor parse(String token, Widget widget, String origin) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key()))) {
                throw invalid();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            List<String> audience = c.getAudience();
            if (!ISSUER.equals(c.getIssuer()) || audience == null || !audience.contains(widget.publicKey())
                    || !widget.id().toString().equals(c.getStringClaim("wid")) || c.getSubject() == null
                    || c.getExpirationTime() == null || c.getIssueTime() == null) {
                throw invalid();
            }
            if (!Objects.equals(c.getStringClaim("origin"), origin)) {
                throw ApiException.unauthorized("visitor_token_invalid", "The visitor token belongs to another origin");
            }
            return new Visitor(c.getSubject(), c.getIssueTime().toInstant(), c.getExpirationTime().toInstant());
        } catch (ParseException | JOSEException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.unauthorized("visitor_token_invalid", "The visitor token is not valid for this widget");
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = loadOrCreate();
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadOrCreate() {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        jdbc.sql("insert into widget_signing_keys (name, sealed_key) values ('visitor-token', :sealed) on conflict do nothing")
                .param("sealed", secrets.encrypt(Base64.getEncoder().encodeToString(fresh))).update();
        String sealed = jdbc.sql("select sealed_key from widget_signing_keys where name = 'visitor-token'")
                .query(String.class).single();
        return Base64.getDecoder().decode(secrets.decrypt(sealed));
    }
}
