package de.wattos.tenancy.internal;

import de.wattos.platform.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Login sessions and their rotating refresh tokens (stored as SHA-256 hashes only). */
@Repository
public class Sessions {

    private final JdbcClient jdbc;
    private final AuthProperties properties;

    Sessions(JdbcClient jdbc, AuthProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public record Issued(UUID sessionId, String refreshToken) {
    }

    public sealed interface RefreshOutcome {
        record Rotated(UUID userId, Issued issued) implements RefreshOutcome { }
        record Reused(UUID sessionId) implements RefreshOutcome { }
        record Invalid() implements RefreshOutcome { }
    }

    @Transactional
    public Issued open(UUID userId) {
        UUID session = Ids.newId();
        jdbc.sql("insert into auth_sessions (id, user_id) values (:id, :u)").param("id", session).param("u", userId).update();
        return new Issued(session, newRefreshToken(session));
    }

    private String newRefreshToken(UUID session) {
        String token = "wrt_" + KeyFiles.randomToken(32);
        jdbc.sql("insert into refresh_tokens (id, session_id, token_hash, expires_at) values (:id, :s, :h, :e)")
                .param("id", Ids.newId()).param("s", session).param("h", KeyFiles.sha256(token))
                .param("e", Timestamp.from(Instant.now().plus(properties.refreshTokenTtl()))).update();
        return token;
    }

    /** Rotates a refresh token; a token used twice revokes its whole session (someone copied it). */
    @Transactional
    public RefreshOutcome refresh(String token) {
        record Row(UUID id, UUID sessionId, UUID userId, Instant expiresAt, Instant usedAt, Instant revokedAt) { }
        Optional<Row> found = jdbc.sql("select r.id, r.session_id, s.user_id, r.expires_at, r.used_at, s.revoked_at "
                        + "from refresh_tokens r join auth_sessions s on s.id = r.session_id where r.token_hash = :h for update of r, s")
                .param("h", KeyFiles.sha256(token))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getTimestamp(4).toInstant(), ts(rs.getTimestamp(5)), ts(rs.getTimestamp(6))))
                .optional();
        if (found.isEmpty()) {
            return new RefreshOutcome.Invalid();
        }
        Row row = found.get();
        if (row.revokedAt() != null || row.expiresAt().isBefore(Instant.now())) {
            return new RefreshOutcome.Invalid();
        }
        if (row.usedAt() != null) {
            revoke(row.sessionId(), "refresh token reused");
            return new RefreshOutcome.Reused(row.sessionId());
        }
        jdbc.sql("update refresh_tokens set used_at = now() where id = :id").param("id", row.id()).update();
        return new RefreshOutcome.Rotated(row.userId(), new Issued(row.sessionId(), newRefreshToken(row.sessionId())));
    }

    public void revoke(UUID sessionId, String reason) {
        jdbc.sql("update auth_sessions set revoked_at = now(), revoked_reason = :r where id = :id and revoked_at is null")
                .param("id", sessionId).param("r", reason).update();
    }

    /** Ends every session of the user except the one given (the caller's own, which may stay). */
    public void revokeAllOfExcept(UUID userId, UUID keep, String reason) {
        jdbc.sql("update auth_sessions set revoked_at = now(), revoked_reason = :r where user_id = :u and revoked_at is null"
                        + " and (cast(:keep as uuid) is null or id <> cast(:keep as uuid))")
                .param("r", reason).param("u", userId).param("keep", keep).update();
    }

    public void revokeAllOf(UUID userId, String reason) {
        jdbc.sql("update auth_sessions set revoked_at = now(), revoked_reason = :r where user_id = :u and revoked_at is null")
                .param("u", userId).param("r", reason).update();
    }

    public Optional<UUID> sessionOfRefreshToken(String token) {
        return jdbc.sql("select session_id from refresh_tokens where token_hash = :h").param("h", KeyFiles.sha256(token))
                .query(UUID.class).optional();
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
