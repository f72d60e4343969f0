package de.wattos.platform.internal;

import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The languages WattOS answers in: German by default (its users are German public bodies), English when the
 * request's {@code Accept-Language} prefers it. Every message bundle's base file is German, {@code _en} English.
 */
@Configuration(proxyBeanMethods = false)
class WebLocales {

    static final Locale DEFAULT = Locale.GERMAN;

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(Locale.GERMAN, Locale.ENGLISH));
        resolver.setDefaultLocale(DEFAULT);
        return resolver;
    }
}
