package de.wattos.platform;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tenant-scoped SQL: the central filter for tenant data. Every statement must reference {@code :tenantId},
 * which is always bound to the tenant of the current {@link TenantContext} and can be set by nothing else.
 * Repositories of tenant-owned tables use this instead of a plain {@link JdbcClient}.
 *
 * <pre>
 * tenantJdbc.sql("select * from spaces where tenant_id = :tenantId and id = :id").param("id", id)...
 * </pre>
 */
@Component
public class TenantJdbc {

    /**
     * A PostgreSQL array literal of ids ({@code {a,b}}), to bind as text and cast: {@code any(cast(:ids as uuid[]))}.
     */
    public static String uuidArray(java.util.Collection<UUID> ids) {
        StringBuilder s = new StringBuilder("{");
        if (ids != null) {
            for (UUID id : ids) {
                s.append(s.length() > 1 ? "," : "").append(id);
            }
        }
        return s.append('}').toString();
    }


    private static final String TENANT = "tenantId";
    private static final Pattern TENANT_PARAM = Pattern.compile(":tenantId\\b");

    private final JdbcClient jdbc;

    public TenantJdbc(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public JdbcClient.StatementSpec sql(String sql) {
        if (!TENANT_PARAM.matcher(sql).find()) {
            throw new IllegalArgumentException("Tenant-scoped SQL must filter by :tenantId: " + sql);
        }
        UUID tenant = TenantContext.currentId();
        return new TenantBound(jdbc.sql(sql).param(TENANT, tenant));
    }

    public UUID tenantId() {
        return TenantContext.currentId();
    }

    /**
     * The statement with the tenant bound; binding {@code tenantId} again (by name, map or parameter source)
     * is refused, so no caller can point tenant-scoped SQL at another tenant.
     */
    private record TenantBound(JdbcClient.StatementSpec spec) implements JdbcClient.StatementSpec {

        private static String refuse(String name) {
            if (TENANT.equals(name)) {
                throw new IllegalArgumentException(":tenantId is bound from the tenant scope and cannot be set");
            }
            return name;
        }

        @Override
        public JdbcClient.StatementSpec withFetchSize(int fetchSize) {
            return new TenantBound(spec.withFetchSize(fetchSize));
        }

        @Override
        public JdbcClient.StatementSpec withMaxRows(int maxRows) {
            return new TenantBound(spec.withMaxRows(maxRows));
        }

        @Override
        public JdbcClient.StatementSpec withQueryTimeout(int seconds) {
            return new TenantBound(spec.withQueryTimeout(seconds));
        }

        @Override
        public JdbcClient.StatementSpec param(Object value) {
            throw new IllegalArgumentException("tenant-scoped SQL uses named parameters only");
        }

        @Override
        public JdbcClient.StatementSpec param(int index, Object value) {
            throw new IllegalArgumentException("tenant-scoped SQL uses named parameters only");
        }

        @Override
        public JdbcClient.StatementSpec param(int index, Object value, int sqlType) {
            throw new IllegalArgumentException("tenant-scoped SQL uses named parameters only");
        }

        @Override
        public JdbcClient.StatementSpec param(String name, Object value) {
            return new TenantBound(spec.param(refuse(name), value));
        }

        @Override
        public JdbcClient.StatementSpec param(String name, Object value, int sqlType) {
            return new TenantBound(spec.param(refuse(name), value, sqlType));
        }

        @Override
        public JdbcClient.StatementSpec params(Object... values) {
            throw new IllegalArgumentException("tenant-scoped SQL uses named parameters only");
        }

        @Override
        public JdbcClient.StatementSpec params(java.util.List<?> values) {
            throw new IllegalArgumentException("tenant-scoped SQL uses named parameters only");
        }

        @Override
        public JdbcClient.StatementSpec params(java.util.Map<String, ?> paramMap) {
            paramMap.keySet().forEach(TenantBound::refuse);
            return new TenantBound(spec.params(paramMap));
        }

        @Override
        public JdbcClient.StatementSpec paramSource(Object namedParamObject) {
            throw new IllegalArgumentException("tenant-scoped SQL binds parameters by name only");
        }

        @Override
        public JdbcClient.StatementSpec paramSource(org.springframework.jdbc.core.namedparam.SqlParameterSource source) {
            throw new IllegalArgumentException("tenant-scoped SQL binds parameters by name only");
        }

        @Override
        public JdbcClient.ResultQuerySpec query() {
            return spec.query();
        }

        @Override
        public <T> JdbcClient.MappedQuerySpec<T> query(Class<T> mappedClass) {
            return spec.query(mappedClass);
        }

        @Override
        public <T> JdbcClient.MappedQuerySpec<T> query(org.springframework.jdbc.core.RowMapper<T> rowMapper) {
            return spec.query(rowMapper);
        }

        @Override
        public void query(org.springframework.jdbc.core.RowCallbackHandler rch) {
            spec.query(rch);
        }

        @Override
        public <T> T query(org.springframework.jdbc.core.ResultSetExtractor<T> rse) {
            return spec.query(rse);
        }

        @Override
        public int update() {
            return spec.update();
        }

        @Override
        public int update(org.springframework.jdbc.support.KeyHolder generatedKeyHolder) {
            return spec.update(generatedKeyHolder);
        }

        @Override
        public int update(org.springframework.jdbc.support.KeyHolder generatedKeyHolder, String... keyColumnNames) {
            return spec.update(generatedKeyHolder, keyColumnNames);
        }
    }
}
