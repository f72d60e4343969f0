package de.wattos.analytics.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KpiCacheConfiguration {

    @Bean
    KpiCache kpiCache(AnalyticsProperties properties) {
        return new LocalKpiCache(properties);
    }
}
