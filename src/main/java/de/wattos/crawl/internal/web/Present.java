package de.wattos.crawl.internal.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A JSON field that tells "absent" from "null": an absent field deserialises to a Java {@code null}, an explicit
 * JSON {@code null} to {@code Present(null)}, a value to {@code Present(value)}. Used where null means something
 * (e.g. {@code "schedule": null} = manual only, {@code "credentials": null} = remove them).
 */
@JsonDeserialize(using = Present.Deserializer.class)
public record Present<T>(T value) {

    static final class Deserializer extends ValueDeserializer<Present<?>> {

        private final JavaType valueType;

        Deserializer() {
            this(null);
        }

        private Deserializer(JavaType valueType) {
            this.valueType = valueType;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            JavaType type = property != null ? property.getType() : ctxt.getContextualType();
            JavaType contained = type == null ? null : type.containedType(0);
            return new Deserializer(contained == null ? ctxt.constructType(Object.class) : contained);
        }

        @Override
        public Present<?> deserialize(JsonParser p, DeserializationContext ctxt) {
            return new Present<>(ctxt.readValue(p, valueType));
        }

        @Override
        public Present<?> getNullValue(DeserializationContext ctxt) {
            return new Present<>(null);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
