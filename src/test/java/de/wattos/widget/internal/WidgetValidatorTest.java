package de.wattos.widget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.platform.ApiException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WidgetValidatorTest {

    private static WidgetRequest request(List<String> origins, WidgetSettings.Theme theme, String avatarUrl) {
        return new WidgetRequest("Bürgerservice", List.of(), origins, null, null, null, theme, "Lotta", avatarUrl,
                null, List.of("Wie melde ich mich um?"), null, "https://example.de/datenschutz", null, "active", null);
    }

    @Test
    void fillsDefaultsAndNormalisesOrigins() {
        WidgetValidator.Result r = WidgetValidator.validate(
                request(List.of("HTTPS://Example.DE:443", "http://localhost:8080", "https://example.de"), null, null), id -> true);
        assertThat(r.status()).isEqualTo(WidgetStatus.ACTIVE);
        assertThat(r.settings().allowedOrigins()).containsExactly("https://example.de", "http://localhost:8080");
        assertThat(r.settings().mode()).isEqualTo("launcher");
        assertThat(r.settings().position()).isEqualTo("bottom-right");
        assertThat(r.settings().theme().primaryColor()).isEqualTo("#00508c");
        assertThat(r.settings().limits().messagesPerVisitorPerHour()).isEqualTo(30);
        assertThat(r.settings().locale()).isEqualTo("de");
    }

    @Test
    void rejectsEveryBadFieldAtOnce() {
        WidgetRequest bad = new WidgetRequest(" ", List.of(UUID.randomUUID()),
                List.of("https://example.de/path", "ftp://example.de", "*", "https://ex ample.de"), "popup", "middle",
                "huge", new WidgetSettings.Theme("red", "#fff", "#eee", "x;}body{", 99, "sepia"), null,
                "javascript:alert(1)", null, List.of("x".repeat(201)), "deutsch", "file:///etc/passwd", null, "live",
                new WidgetSettings.Limits(0, -1, 0L));
        assertThatThrownBy(() -> WidgetValidator.validate(bad, id -> false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("validation_failed");
                    assertThat(e.fieldErrors()).extracting(ApiException.FieldError::field).contains("name", "spaceIds[0]",
                            "allowedOrigins[0]", "allowedOrigins[1]", "allowedOrigins[2]", "allowedOrigins[3]", "mode",
                            "position", "size", "theme.primaryColor", "theme.fontFamily", "theme.radius",
                            "theme.colorScheme", "theme.textColor", "avatarUrl", "suggestedQuestions[0]", "locale",
                            "privacyUrl", "status", "limits.messagesPerVisitorPerHour", "limits.messagesPerIpPerHour",
                            "limits.dailyTokenBudget");
                });
    }

    @Test
    void insistsOnReadableContrast() {
        assertThatThrownBy(() -> WidgetValidator.validate(request(List.of(),
                new WidgetSettings.Theme("#00508c", "#ffffff", "#999999", null, null, null), null), id -> true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors().getFirst().message()).contains("4.5:1"));
        assertThat(WidgetValidator.Contrast.ratio("#000000", "#ffffff")).isEqualTo(21.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void originsAreCanonical() {
        assertThat(WidgetValidator.normalizeOrigin("http://127.0.0.1:5173")).isEqualTo("http://127.0.0.1:5173");
        assertThat(WidgetValidator.normalizeOrigin("http://example.de:80")).isEqualTo("http://example.de");
        assertThat(WidgetValidator.normalizeOrigin("https://example.de/")).isNull();
        assertThat(WidgetValidator.normalizeOrigin("https://user@example.de")).isNull();
        assertThat(WidgetValidator.normalizeOrigin("null")).isNull();
    }
}
