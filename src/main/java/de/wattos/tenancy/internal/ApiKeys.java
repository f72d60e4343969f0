package de.wattos.tenancy.internal;

import de.wattos.platform.Actor;
import de.wattos.platform.Ids;
import de.wattos.platform.Role;
import de.wattos.platform.TenantJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys: {@code wattos_<prefix>_<secret>}. Only the SHA-256 of the whole key is stored (keys are random and
 * long, so a slow hash adds nothing); the prefix lets people recognise a key in lists and logs.
 */
@Repository
public class ApiKeys {

    static final String KEY_PREFIX = "wattos_";
    private static final String COLUMNS = "id, tenant_id, name, prefix, roles, expires_at, revoked_at, last_used_at, created_at, created_by";

    public record ApiKey(UUID id, UUID tenantId, String name, String prefix, Set<Role> roles, Instant expiresAt,
            Instant revokedAt, Instant lastUsedAt, Instant createdAt, String createdBy) {
    }

    public record Created(ApiKey key, String secret) {
    }

    private final JdbcClient jdbc;
    private final TenantJdbc tenantJdbc;

    ApiKeys(JdbcClient jdbc, TenantJdbc tenantJdbc) {
        this.jdbc = jdbc;
        this.tenantJdbc = tenantJdbc;
    }

    public Created create(String name, Set<Role> roles, Instant expiresAt, String createdBy) {
        String prefix = KeyFiles.randomToken(6).replace('-', 'x').replace('_', 'y');
        String secret = KEY_PREFIX + prefix + "_" + KeyFiles.randomToken(32);
        UUID id = Ids.newId();
        tenantJdbc.sql("insert into api_keys (id, tenant_id, name, prefix, key_hash, roles, expires_at, created_by) "
                        + "values (:id, :tenantId, :name, :prefix, :hash, :roles, :exp, :by)")
                .param("id", id).param("name", name).param("prefix", KEY_PREFIX + prefix)
                .param("hash", KeyFiles.sha256(secret)).param("roles", Users.roleArray(roles))
                .param("exp", expiresAt == null ? null : Timestamp.from(expiresAt)).param("by", createdBy).update();
        return new Created(find(id).orElseThrow(), secret);
    }

    public List<ApiKey> page(int page, int size) {
        return tenantJdbc.sql("select " + COLUMNS + " from api_keys where tenant_id = :tenantId order by created_at desc limit :l offset :o")
                .param("l", size).param("o", (long) page * size).query(ApiKeys::map).list();
    }

    public long count() {
        return tenantJdbc.sql("select count(*) from api_keys where tenant_id = :tenantId").query(Long.class).single();
    }

    public Optional<ApiKey> find(UUID id) {
        return tenantJdbc.sql("select " + COLUMNS + " from api_keys where tenant_id = :tenantId and id = :id")
                .param("id", id).query(ApiKeys::map).optional();
    }

    public boolean revoke(UUID id) {
        return tenantJdbc.sql("update api_keys set revoked_at = now() where tenant_id = :tenantId and id = :id and revoked_at is null")
                .param("id", id).update() == 1;
    }

    /** The actor for a presented key, if the key is live and its tenant exists. Records last use (at most once a minute). */
    Optional<Actor> authenticate(String presented) {
        if (!presented.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        Optional<ApiKey> key = jdbc.sql("select k.id, k.tenant_id, k.name, k.prefix, k.roles, k.expires_at, k.revoked_at, "
                        + "k.last_used_at, k.created_at, k.created_by from api_keys k join tenants t on t.id = k.tenant_id "
                        + "where k.key_hash = :h and t.deleted_at is null")
                .param("h", KeyFiles.sha256(presented)).query(ApiKeys::map).optional();
        Instant now = Instant.now();
        return key.filter(k -> k.revokedAt() == null && (k.expiresAt() == null || k.expiresAt().isAfter(now)))
                .map(k -> {
                    if (k.lastUsedAt() == null || k.lastUsedAt().isBefore(now.minusSeconds(60))) {
                        jdbc.sql("update api_keys set last_used_at = now() where id = :id").param("id", k.id()).update();
                    }
                    return new Actor(Actor.Kind.API_KEY, k.id().toString(), k.name() + " (" + k.prefix() + ")",
                            k.tenantId(), k.roles());
                });
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("name"),
                rs.getString("prefix"), Users.roles(rs.getArray("roles")), ts(rs.getTimestamp("expires_at")),
                ts(rs.getTimestamp("revoked_at")), ts(rs.getTimestamp("last_used_at")),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
