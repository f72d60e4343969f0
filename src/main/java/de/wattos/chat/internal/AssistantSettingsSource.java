package de.wattos.chat.internal;

import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import org.springframework.stereotype.Component;

/** The current tenant's assistant settings, with defaults for every missing key. */
@Component
class AssistantSettingsSource {

    private final ChatProperties properties;

    AssistantSettingsSource(ChatProperties properties) {
        this.properties = properties;
    }

    AssistantSettings current() {
        TenantRef tenant = TenantContext.current();
        return AssistantSettings.defaults(null, properties.defaultContact());
    }
}
