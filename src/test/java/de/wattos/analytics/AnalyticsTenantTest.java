package de.wattos.analytics;

import de.wattos.IntegrationTest;
import de.wattos.platform.Role;
import de.wattos.platform.events.DomainEvents;
import de.wattos.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The setup analytics API tests share: a fresh tenant per test, a viewer's token for it, and {@link AnalyticsTraffic}
 * to publish that tenant's events on the bus.
 */
@IntegrationTest
abstract class AnalyticsTenantTest {

    @LocalServerPort
    int port;
    @Autowired
    DomainEvents bus;
    @Autowired
    JdbcClient jdbc;

    TestApi api;
    TestApi.Tenant tenant;
    AnalyticsTraffic traffic;
    String viewer;

    @BeforeEach
    void setUpTenant() {
        api = new TestApi(port);
        tenant = api.createTenant();
        traffic = new AnalyticsTraffic(bus, jdbc, tenant.id());
        viewer = api.userToken(tenant.slug(), Role.VIEWER);
    }
}
