package de.wattos.platform.internal.web;

import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.PlatformSettings;
import de.wattos.platform.UrlGuard;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Installation-wide settings for platform admins. {@code allowPrivateNetworks} is what the stored setting says;
 * {@code privateNetworksAllowed} is what the SSRF guard applies (the stored setting or the configuration
 * {@code wattos.network.allow-private-networks}).
 */
@RestController
class PlatformSettingsController {

    record SettingsView(boolean allowPrivateNetworks, boolean privateNetworksAllowed) {
    }

    record SettingsBody(@NotNull Boolean allowPrivateNetworks) {
    }

    private final PlatformSettings settings;
    private final UrlGuard guard;

    PlatformSettingsController(PlatformSettings settings, UrlGuard guard) {
        this.settings = settings;
        this.guard = guard;
    }

    @GetMapping("/api/v1/platform/settings")
    SettingsView get() {
        requirePlatformAdmin();
        return view();
    }

    @PutMapping("/api/v1/platform/settings")
    SettingsView put(@Valid @RequestBody SettingsBody body) {
        requirePlatformAdmin();
        settings.setAllowPrivateNetworks(body.allowPrivateNetworks(), CurrentActor.get());
        return view();
    }

    private SettingsView view() {
        return new SettingsView(settings.allowPrivateNetworks(), guard.allowsPrivateNetworks());
    }

    private static void requirePlatformAdmin() {
        if (CurrentActor.find().filter(a -> a.isPlatformAdmin()).isEmpty()) {
            throw ApiException.forbidden("Nur Plattform-Administratoren / Only platform admins may do this");
        }
    }
}
