package de.wattos.tenancy.internal;

import de.wattos.platform.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Stateless bearer-token security. Public: login/refresh, the public widget API, health, API docs and static
 * assets (console, widget). Everything else under /api needs an authenticated actor; tenant paths additionally
 * pass the tenant gate and the role rule.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

    private static final RequestMatcher NOT_WIDGET_PAGES = new NegatedRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/w/**"));

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccessTokens accessTokens, ApiKeys apiKeys,
            OidcTokens oidc, JdbcClient jdbc, JdbcTenants tenants, ProblemWriter problems) throws Exception {
        BearerAuthenticationFilter bearer = new BearerAuthenticationFilter(accessTokens, apiKeys, oidc, jdbc, problems);
        TenantScopeFilter tenantScope = new TenantScopeFilter(tenants, problems);
        http.csrf(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        // only the widget's own pages (/w/…) may be framed by other sites; they set their own
                        // frame-ancestors from the widget's allowed origins. Everything else (the console above all)
                        // is same-origin only, against clickjacking.
                        .frameOptions(f -> f.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(NOT_WIDGET_PAGES,
                                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.SAMEORIGIN)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(NOT_WIDGET_PAGES,
                                new StaticHeadersWriter("Content-Security-Policy", "frame-ancestors 'self'"))))
                .addFilterBefore(bearer, AnonymousAuthenticationFilter.class)
                .addFilterAfter(tenantScope, AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(req, res, HttpStatus.UNAUTHORIZED,
                                "unauthenticated", "Authentication required"))
                        .accessDeniedHandler((req, res, ex) -> problems.write(req, res, HttpStatus.FORBIDDEN,
                                "forbidden", "You may not do this")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/public/**").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/api/**", "/actuator/**").authenticated()
                        .anyRequest().permitAll());
        return http.build();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new TenantRoleInterceptor()).addPathPatterns("/api/v1/tenants/*/**");
    }
}
