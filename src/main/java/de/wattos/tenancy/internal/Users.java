package de.wattos.tenancy.internal;

import de.wattos.platform.Role;
import de.wattos.platform.TenantJdbc;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * User accounts. Tenant users are read and written through {@link TenantJdbc} (scoped to the bound tenant);
 * only authentication, which happens before any tenant is bound, reads across tenants by exact credentials.
 */
@Repository
public class Users {

    private static final String COLUMNS = "id, tenant_id, username, email, display_name, password_hash, roles, created_at, updated_at";

    private final JdbcClient jdbc;
    private final TenantJdbc tenantJdbc;

    Users(JdbcClient jdbc, TenantJdbc tenantJdbc) {
        this.jdbc = jdbc;
        this.tenantJdbc = tenantJdbc;
    }

    // --- authentication (no tenant bound yet) ---

    public Optional<UserAccount> findPlatformUser(String username) {
        return jdbc.sql("select " + COLUMNS + " from users where tenant_id is null and lower(username) = lower(:u) and deleted_at is null")
                .param("u", username).query(Users::map).optional();
    }

    public Optional<UserAccount> findTenantUser(UUID tenantId, String usernameOrEmail) {
        return jdbc.sql("select " + COLUMNS + " from users where tenant_id = :t and deleted_at is null "
                        + "and (lower(username) = lower(:u) or lower(email) = lower(:u)) order by (lower(username) = lower(:u)) desc limit 1")
                .param("t", tenantId).param("u", usernameOrEmail).query(Users::map).optional();
    }

    /** Login by e-mail alone: only when exactly one live tenant user has it. */
    public Optional<UserAccount> findUniqueByEmail(String email) {
        List<UserAccount> found = jdbc.sql("select u." + COLUMNS.replace(", ", ", u.") + " from users u join tenants t on t.id = u.tenant_id "
                        + "where lower(u.email) = lower(:e) and u.deleted_at is null and t.deleted_at is null limit 2")
                .param("e", email).query(Users::map).list();
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    public Optional<UserAccount> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = :id and deleted_at is null")
                .param("id", id).query(Users::map).optional();
    }

    boolean anyPlatformAdmin() {
        return jdbc.sql("select exists(select 1 from users where tenant_id is null and :role = any(roles) and deleted_at is null)")
                .param("role", Role.PLATFORM_ADMIN.name()).query(Boolean.class).single();
    }

    void insertPlatformUser(UserAccount u) {
        jdbc.sql("insert into users (id, tenant_id, username, email, display_name, password_hash, roles) "
                        + "values (:id, null, :username, :email, :display, :hash, :roles)")
                .param("id", u.id()).param("username", u.username()).param("email", u.email())
                .param("display", u.displayName()).param("hash", u.passwordHash()).param("roles", roleArray(u.roles()))
                .update();
    }

    public void updatePassword(UUID userId, String hash) {
        jdbc.sql("update users set password_hash = :h, updated_at = now() where id = :id").param("h", hash).param("id", userId).update();
    }

    // --- tenant-scoped management ---

    public List<UserAccount> page(int page, int size) {
        return tenantJdbc.sql("select " + COLUMNS + " from users where tenant_id = :tenantId and deleted_at is null order by username limit :l offset :o")
                .param("l", size).param("o", (long) page * size).query(Users::map).list();
    }

    public long count() {
        return tenantJdbc.sql("select count(*) from users where tenant_id = :tenantId and deleted_at is null").query(Long.class).single();
    }

    public Optional<UserAccount> find(UUID id) {
        return tenantJdbc.sql("select " + COLUMNS + " from users where tenant_id = :tenantId and id = :id and deleted_at is null")
                .param("id", id).query(Users::map).optional();
    }

    public void insert(UserAccount u) {
        tenantJdbc.sql("insert into users (id, tenant_id, username, email, display_name, password_hash, roles) "
                        + "values (:id, :tenantId, :username, :email, :display, :hash, :roles)")
                .param("id", u.id()).param("username", u.username()).param("email", u.email())
                .param("display", u.displayName()).param("hash", u.passwordHash()).param("roles", roleArray(u.roles()))
                .update();
    }

    public void update(UserAccount u) {
        tenantJdbc.sql("update users set username = :username, email = :email, display_name = :display, "
                        + "password_hash = :hash, roles = :roles, updated_at = now() where tenant_id = :tenantId and id = :id")
                .param("id", u.id()).param("username", u.username()).param("email", u.email())
                .param("display", u.displayName()).param("hash", u.passwordHash()).param("roles", roleArray(u.roles()))
                .update();
    }

    public boolean delete(UUID id) {
        return tenantJdbc.sql("update users set deleted_at = now() where tenant_id = :tenantId and id = :id and deleted_at is null")
                .param("id", id).update() == 1;
    }

    public static String[] roleArray(Set<Role> roles) {
        return roles.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    static Set<Role> roles(Array array) throws SQLException {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (Object o : (Object[]) array.getArray()) {
            roles.add(Role.valueOf((String) o));
        }
        return roles;
    }

    static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("username"), rs.getString("email"), rs.getString("display_name"),
                rs.getString("password_hash"), roles(rs.getArray("roles")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
