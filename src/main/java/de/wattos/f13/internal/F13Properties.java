package de.wattos.f13.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wattos.f13.*}: where F13's Keycloak is and what its tokens are for. F13 is one platform of the state, so its
 * Keycloak is platform configuration; each tenant's provider names only its client (and, if it differs, the realm).
 *
 * @param keycloakUrl the Keycloak base URL ({@code …/realms/<realm>/protocol/openid-connect/token} is appended); unset:
 *                    the provider's F13 base URL (Keycloak behind the same gateway, an assumption)
 * @param realm       the realm when a provider names none
 * @param audience    the audience asked for in the client-credentials grant
 * @param tokenTimeout how long to wait for Keycloak
 */
@ConfigurationProperties("wattos.f13")
public record F13Properties(
        String keycloakUrl,
        @DefaultValue("f13") String realm,
        @DefaultValue("f13-api") String audience,
        @DefaultValue("10s") Duration tokenTimeout) {

    public static F13Properties defaults() {
        return new F13Properties(null, "f13", "f13-api", Duration.ofSeconds(10));
    }

    /** The token endpoint for {@code realm} (blank: the default realm), with {@code baseUrl} as fallback Keycloak. */
    String tokenUrl(String baseUrl, String realm) {
        String keycloak = keycloakUrl == null || keycloakUrl.isBlank() ? baseUrl : keycloakUrl;
        while (keycloak.endsWith("/")) {
            keycloak = keycloak.substring(0, keycloak.length() - 1);
        }
        String r = realm == null || realm.isBlank() ? this.realm : realm.strip();
        return keycloak + "/realms/" + java.net.URLEncoder.encode(r, java.nio.charset.StandardCharsets.UTF_8)
                + "/protocol/openid-connect/token";
    }
}
