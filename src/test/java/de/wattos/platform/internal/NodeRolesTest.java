package de.wattos.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.platform.NodeRoles;
import de.wattos.platform.ProblemWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code WATTOS_ROLES}: both roles by default, a list of {@code api}/{@code worker} otherwise, nothing else; a
 * worker-only node answers everything but {@code /actuator} with a problem, an api node passes requests on.
 */
class NodeRolesTest {

    private static NodeRoles bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("wattos", NodeRoles.class);
    }

    @Test
    void bothRolesByDefaultOneOrBothWhenConfiguredAndNothingElse() {
        NodeRoles defaults = bind(Map.of());
        assertThat(defaults.servesApi()).isTrue();
        assertThat(defaults.runsBackgroundWork()).isTrue();

        NodeRoles worker = bind(Map.of("wattos.roles", "worker"));
        assertThat(worker.servesApi()).isFalse();
        assertThat(worker.runsBackgroundWork()).isTrue();
        assertThat(worker).hasToString("worker");

        NodeRoles api = bind(Map.of("wattos.roles", " API "));
        assertThat(api.servesApi()).isTrue();
        assertThat(api.runsBackgroundWork()).isFalse();

        assertThat(bind(Map.of("wattos.roles", "worker,api"))).isEqualTo(defaults);
        assertThatThrownBy(() -> bind(Map.of("wattos.roles", "api,chat"))).isInstanceOf(BindException.class);
    }

    @Test
    void aWorkerOnlyNodeServesOnlyTheOperatorsEndpoints() throws Exception {
        WorkerOnlyFilter workerOnly = filter(bind(Map.of("wattos.roles", "worker")));
        MockHttpServletResponse refused = run(workerOnly, "/api/v1/tenants/gemeinde/spaces");
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"code\":\"node.worker-only\"").contains("WATTOS_ROLES=worker");
        assertThat(run(workerOnly, "/widget/wattos-widget.js").getStatus()).isEqualTo(503);
        assertThat(run(workerOnly, "/actuator/health").getStatus()).as("health checks reach a worker").isEqualTo(200);

        WorkerOnlyFilter apiNode = filter(bind(Map.of("wattos.roles", "api")));
        assertThat(run(apiNode, "/api/v1/tenants/gemeinde/spaces").getStatus()).isEqualTo(200);
    }

    private static WorkerOnlyFilter filter(NodeRoles roles) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages/platform");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        ProblemTexts texts = new ProblemTexts(messages, new AcceptHeaderLocaleResolver());
        return new WorkerOnlyFilter(roles, new ProblemWriter(JsonMapper.builder().build(), texts));
    }

    private static MockHttpServletResponse run(WorkerOnlyFilter filter, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain());
        return response;
    }
}
