package de.wattos.analytics.internal;

import de.wattos.platform.cluster.SharedCache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The local KPI cache; in production mode (a {@link SharedCache} exists: Redis) the shared one in front of it. */
@Configuration(proxyBeanMethods = false)
class KpiCacheConfiguration {

    @Bean
    KpiCache kpiCache(AnalyticsProperties properties, ObjectProvider<SharedCache> shared, JsonMapper json) {
        LocalKpiCache local = new LocalKpiCache(properties);
        SharedCache redis = shared.getIfAvailable();
        return redis == null ? local : new SharedKpiCache(redis, local, json, properties.dashboardCache());
    }
}
