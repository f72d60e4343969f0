package de.wattos.agent.internal.tool.builtin;

import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolContext;
import de.wattos.agent.internal.tool.spi.ToolFactory;
import de.wattos.agent.internal.tool.spi.ToolOutput;
import de.wattos.agent.internal.tool.spi.ToolSettings;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.TenantContact;
import de.wattos.tenancy.Tenants;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code current_time}: date, weekday and time in Germany, with the opening hours and contact the tenant keeps in
 * its settings, so the model can answer "Hat das Bürgerbüro jetzt offen?" without guessing the date.
 */
@Component
class CurrentTimeToolFactory implements ToolFactory {

    static final String ID = "current_time";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private final Tenants tenants;
    private final JsonMapper json;
    private final Clock clock;

    @Autowired
    CurrentTimeToolFactory(Tenants tenants, JsonMapper json) {
        this(tenants, json, Clock.systemUTC());
    }

    CurrentTimeToolFactory(Tenants tenants, JsonMapper json, Clock clock) {
        this.tenants = tenants;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Kennt Datum, Wochentag und Uhrzeit sowie die Öffnungszeiten und Kontaktdaten aus dem Mandantenprofil.";
    }

    @Override
    public boolean configurable() {
        return false;
    }

    @Override
    public AgentTool create(ToolSettings settings) {
        return new BuiltinTool(ID, "Current date, weekday and time in Germany, and the administration's opening hours and contact.",
                Map.of("type", "object", "properties", Map.of(), "required", List.of(), "additionalProperties", false), this::invoke);
    }

    private ToolOutput invoke(Map<String, Object> arguments, ToolContext context) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZONE));
        TenantContact contact = tenants.tenantSettings(TenantContext.currentId()).contact();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("date", now.toLocalDate().toString());
        out.put("weekday", now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.GERMAN));
        out.put("time", now.format(DateTimeFormatter.ofPattern("HH:mm")));
        out.put("timeZone", ZONE.getId());
        out.put("openingHours", contact.hours() == null ? "unbekannt" : contact.hours());
        if (contact.phone() != null) {
            out.put("phone", contact.phone());
        }
        if (contact.email() != null) {
            out.put("email", contact.email());
        }
        if (contact.url() != null) {
            out.put("contactUrl", contact.url());
        }
        return ToolOutput.of(json.writeValueAsString(out));
    }
}
