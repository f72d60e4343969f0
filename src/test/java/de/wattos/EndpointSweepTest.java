package de.wattos;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.platform.Role;
import de.wattos.support.TestApi;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Attacks every tenant-scoped endpoint that any module registers, found from the handler mappings (so new
 * endpoints are covered without touching this test): another tenant's user and API key get 404, anonymous callers
 * 401, and in the caller's own tenant unknown ids and empty bodies get a 4xx, never a 500.
 */
@IntegrationTest
class EndpointSweepTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    record Endpoint(String method, String pattern) {
    }

    private List<Endpoint> tenantEndpoints() {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                if (info.getPathPatternsCondition() == null) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                    if (!pattern.startsWith("/api/v1/tenants/{")) {
                        continue;
                    }
                    for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        endpoints.add(new Endpoint(m.name(), pattern));
                    }
                }
            }
        }
        return new ArrayList<>(endpoints);
    }

    private static String fill(String pattern, String tenant) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        while (m.find()) {
            m.appendReplacement(sb, first ? tenant : UUID.randomUUID().toString());
            first = false;
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private TestApi.Response call(Endpoint e, String path, String token) {
        byte[] body = switch (e.method()) {
            case "POST", "PUT", "PATCH" -> "{}".getBytes();
            default -> null;
        };
        return api.raw(e.method(), path, token, body == null ? null : "application/json", body);
    }

    @Test
    void everyTenantEndpointIsClosedToOtherTenantsAndNeverFails() {
        List<Endpoint> endpoints = tenantEndpoints();
        assertThat(endpoints).as("tenant endpoints found").hasSizeGreaterThan(10);
        var a = api.createTenant();
        var b = api.createTenant();
        List<String> attackers = List.of(api.userToken(a.slug(), Role.TENANT_ADMIN), api.apiKey(a.slug(), Role.TENANT_ADMIN));
        String ownAdmin = api.userToken(b.slug(), Role.TENANT_ADMIN);

        SoftAssertions soft = new SoftAssertions();
        for (Endpoint e : endpoints) {
            String foreignPath = fill(e.pattern(), b.slug());
            for (String attacker : attackers) {
                TestApi.Response r = call(e, foreignPath, attacker);
                soft.assertThat(r.status()).as("%s %s as another tenant: %s", e.method(), e.pattern(), r.body()).isEqualTo(404);
            }
            TestApi.Response anonymous = call(e, foreignPath, null);
            soft.assertThat(anonymous.status()).as("%s %s anonymous", e.method(), e.pattern()).isEqualTo(401);

            TestApi.Response own = call(e, foreignPath, ownAdmin);
            soft.assertThat(own.status()).as("%s %s in the own tenant with unknown ids / empty body: %s", e.method(),
                    e.pattern(), own.body()).isBetween(200, 499);
            if (own.status() >= 400) {
                soft.assertThat(own.header("Content-Type")).as("%s %s problem+json", e.method(), e.pattern())
                        .startsWith("application/problem+json");
            }
        }
        soft.assertAll();
    }
}
