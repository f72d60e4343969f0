package de.wattos.platform.internal;

import com.fasterxml.jackson.annotation.Nulls;
import de.wattos.platform.SupportedDates;
import java.time.temporal.Temporal;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON request bodies mean exactly what they say, for every endpoint: no silent coercion between types
 * ({@code "name": 123} is not the text "123", {@code 123} is not {@code true}, {@code "5"} is not 5, an enum is
 * not its index), no {@code null} inside lists and maps, no trailing garbage, and dates only in years 1–9999
 * (what the database and every client can represent). Violations become 400 with the field's path.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    /**
     * Only what clients send is read strictly: the application's own JsonMapper (events, stored JSON, provider
     * payloads) keeps Jackson's defaults, since internal data may well carry nulls inside maps. Registered last, so
     * this JSON converter replaces Boot's default one for Spring MVC.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer strictJsonRequests(JsonMapper applicationMapper) {
        JsonMapper strict = strict(applicationMapper.rebuild()).build();
        return builder -> builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
    }

    static JsonMapper.Builder strict(JsonMapper.Builder builder) {
        return builder
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .changeDefaultNullHandling(n -> n.withContentNulls(Nulls.FAIL))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .addModule(new SimpleModule("wattos-date-range").setDeserializerModifier(new DateRange()));
    }

    /** Wraps every java.time deserializer with the year check. */
    private static final class DateRange extends ValueDeserializerModifier {
        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                ValueDeserializer<?> deserializer) {
            return Temporal.class.isAssignableFrom(description.getBeanClass()) ? new YearBounded(deserializer) : deserializer;
        }
    }

    private static final class YearBounded extends DelegatingDeserializer {
        YearBounded(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new YearBounded(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            Object value = super.deserialize(p, ctxt);
            if (!SupportedDates.supported(value)) {
                return ctxt.handleWeirdStringValue(handledType(), p.getString(),
                        "year outside " + SupportedDates.MIN_YEAR + "-" + SupportedDates.MAX_YEAR);
            }
            return value;
        }
    }
}
