package de.wattos.crawl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.platform.TenantRef;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SourceSchedulesTest {

    @Test
    void nextRunIsComputedInTheTenantsTimeZone() {
        Instant after = Instant.parse("2026-07-01T12:00:00Z");
        // 05:00 in Berlin is 03:00 UTC in summer
        assertThat(SourceSchedules.nextTime("0 0 5 * * *", ZoneId.of("Europe/Berlin"), after))
                .isEqualTo(Instant.parse("2026-07-02T03:00:00Z"));
        assertThat(SourceSchedules.nextTime("0 0 5 * * *", ZoneId.of("Europe/Berlin"), Instant.parse("2026-01-10T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-11T04:00:00Z"));
    }

    @Test
    void tenantRoundTripsThroughTaskData() {
        TenantRef tenant = new TenantRef(UUID.randomUUID(), "ingolstadt", "de", ZoneId.of("Europe/Berlin"));
        assertThat(SourceSchedules.decodeTenant(SourceSchedules.encodeTenant(tenant))).isEqualTo(tenant);
        TenantRef noLocale = new TenantRef(UUID.randomUUID(), "x", null, ZoneId.of("UTC"));
        assertThat(SourceSchedules.decodeTenant(SourceSchedules.encodeTenant(noLocale))).isEqualTo(noLocale);
    }
}
