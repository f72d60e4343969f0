package de.wattos.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Nothing needs to be set to start, and every default is visible on the record that reads it: each component of a
 * {@code wattos.*} properties record carries {@code @DefaultValue}, except settings whose absence means "off".
 */
class ConfigurationDefaultsTest {

    /** Settings that are optional by nature: unset means the feature is off or another value is derived. */
    private static final Set<String> OPTIONAL = Set.of("ChatProperties.answerMaxTokens",
            "CrawlProperties.nodeName", "AuthProperties.jwtSecret", "Oidc.issuerUri", "Oidc.audience",
            "F13Properties.keycloakUrl");

    @Test
    void everyWattosPropertiesRecordBindsFromNothingWithItsDefaultsDeclared() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> undeclared = new ArrayList<>();
        int records = 0;
        for (BeanDefinition candidate : scanner.findCandidateComponents("de.wattos")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            if (!type.isRecord() || !annotation.value().startsWith("wattos")) {
                continue;
            }
            records++;
            collectUndeclared(type, undeclared);
            assertThat(new Binder().bindOrCreate(annotation.value(), type)).as(type.getSimpleName()).isNotNull();
        }
        assertThat(records).isGreaterThanOrEqualTo(10);
        assertThat(undeclared).isEmpty();
    }

    /** {@code @DefaultValue} targets parameters: it sits on the canonical constructor's, not on the components. */
    private static void collectUndeclared(Class<?> type, List<String> undeclared) throws NoSuchMethodException {
        RecordComponent[] components = type.getRecordComponents();
        Parameter[] parameters = type.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)).getParameters();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String name = type.getSimpleName() + "." + c.getName();
            if (!parameters[i].isAnnotationPresent(DefaultValue.class) && !OPTIONAL.contains(name)) {
                undeclared.add(name);
            }
            if (c.getType().isRecord() && c.getType().getName().startsWith("de.wattos")) {
                collectUndeclared(c.getType(), undeclared);
            }
        }
    }
}
