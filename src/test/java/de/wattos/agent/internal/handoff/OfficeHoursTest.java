package de.wattos.agent.internal.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Office hours as tenants write them, read well enough to say whether someone is there now. */
class OfficeHoursTest {

    private static ZonedDateTime at(int day, int hour, int minute) {
        // 2026-11-30 is a Monday
        return ZonedDateTime.of(2026, 11, 29, hour, minute, 0, 0, ZoneId.of("Europe/Berlin")).plusDays(day);
    }

    @Test
    void rangesOfDaysAndTimesAndPartsThatOnlyNameTimes() {
        OfficeHours h = OfficeHours.parse("Mo.–Fr. 8:00–12:00 Uhr, Do 14–18 Uhr; Sa geschlossen");
        assertThat(h.known()).isTrue();
        assertThat(h.openAt(at(1, 9, 30))).isTrue();
        assertThat(h.openAt(at(1, 12, 0))).isFalse();
        assertThat(h.openAt(at(4, 15, 0))).isTrue();
        assertThat(h.openAt(at(3, 15, 0))).isFalse();
        assertThat(h.openAt(at(6, 9, 0))).isFalse();

        OfficeHours words = OfficeHours.parse("Montag bis Donnerstag 8 bis 16 Uhr und Freitag 8-12, mittags geschlossen");
        assertThat(words.openAt(at(3, 15, 59))).isTrue();
        assertThat(words.openAt(at(5, 13, 0))).isFalse();
        assertThat(words.openAt(at(5, 11, 0))).isTrue();

        OfficeHours split = OfficeHours.parse("Di 8-12, 13-15");
        assertThat(split.openAt(at(2, 14, 0))).isTrue();
        assertThat(split.openAt(at(2, 12, 30))).isFalse();
    }

    @Test
    void textWithoutTimesGivesNoHoursAndCountsAsOpen() {
        OfficeHours none = OfficeHours.parse("nach Vereinbarung");
        assertThat(none.known()).isFalse();
        assertThat(none.openAt(at(7, 3, 0))).isTrue();
        assertThat(OfficeHours.parse(null).known()).isFalse();
        assertThat(OfficeHours.parse("Mo–So 0–24 Uhr").openAt(at(7, 23, 59))).isTrue();
    }
}
