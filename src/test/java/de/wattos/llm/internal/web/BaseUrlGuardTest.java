package de.wattos.llm.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import de.wattos.platform.ApiException;
import de.wattos.platform.UrlGuard;
import org.junit.jupiter.api.Test;

class BaseUrlGuardTest {

    @Test
    void aPrivateOllamaIsRefusedWithTheSwitchThatAllowsIt() {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> ProviderController.guard(new UrlGuard(false), "http://192.168.10.5:11434"));
        assertThat(e.code()).isEqualTo("validation_failed");
        assertThat(e.getMessage()).contains("wattos.network.allow-private-networks=true")
                .contains("WATTOS_NETWORK_ALLOW_PRIVATE_NETWORKS");
        assertThat(e.fieldErrors()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("baseUrl");
            assertThat(f.code()).isEqualTo("private_address");
        });
        assertThat(ProviderController.guard(new UrlGuard(true), "http://192.168.10.5:11434").getPort()).isEqualTo(11434);
    }

    @Test
    void loopbackMetadataAndQueriesAreRefused() {
        assertThat(catchThrowableOfType(ApiException.class, () -> ProviderController.guard(new UrlGuard(false),
                "http://169.254.169.254/latest")).fieldErrors().getFirst().code()).isEqualTo("private_address");
        assertThat(catchThrowableOfType(ApiException.class, () -> ProviderController.guard(new UrlGuard(false),
                "http://localhost:8080")).fieldErrors().getFirst().code()).isEqualTo("private_address");
        assertThat(catchThrowableOfType(ApiException.class, () -> ProviderController.guard(new UrlGuard(true),
                "https://api.example.org/v1?key=x")).fieldErrors().getFirst().field()).isEqualTo("baseUrl");
        assertThat(catchThrowableOfType(ApiException.class, () -> ProviderController.guard(new UrlGuard(true),
                "https://user:pw@api.example.org")).fieldErrors().getFirst().code()).isEqualTo("invalid_url");
    }
}
