package de.wattos.platform.internal;

import de.wattos.platform.SupportedDates;
import java.util.Set;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.AnnotationFormatterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.Parser;
import org.springframework.format.Printer;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.datetime.standard.Jsr310DateTimeFormatAnnotationFormatterFactory;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Query and path parameters follow the same rules as JSON bodies ({@link StrictJson}): dates only in years
 * 1–9999, so {@code from=-999999999-01-01T00:00:00Z} is a 400, not a database error.
 */
@Configuration(proxyBeanMethods = false)
class WebInput implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // registered after Spring's own @DateTimeFormat support, so this one is asked first
        registry.addFormatterForFieldAnnotation(new YearBoundedDateTimeFormat());
    }

    private static final class YearBoundedDateTimeFormat implements AnnotationFormatterFactory<DateTimeFormat> {
        private final Jsr310DateTimeFormatAnnotationFormatterFactory standard = new Jsr310DateTimeFormatAnnotationFormatterFactory();

        @Override
        public Set<Class<?>> getFieldTypes() {
            return standard.getFieldTypes();
        }

        @Override
        public Printer<?> getPrinter(DateTimeFormat annotation, Class<?> fieldType) {
            return standard.getPrinter(annotation, fieldType);
        }

        @Override
        public Parser<?> getParser(DateTimeFormat annotation, Class<?> fieldType) {
            Parser<?> parser = standard.getParser(annotation, fieldType);
            return (text, locale) -> {
                Object value = parser.parse(text, locale);
                if (!SupportedDates.supported(value)) {
                    throw new IllegalArgumentException("year outside " + SupportedDates.MIN_YEAR + "-" + SupportedDates.MAX_YEAR);
                }
                return value;
            };
        }
    }
}
