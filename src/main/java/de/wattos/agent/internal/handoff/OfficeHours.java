package de.wattos.agent.internal.handoff;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Office hours as tenants write them in their profile ("Mo–Fr 8–12 Uhr, Do 14:00–18:00", "Montag bis Donnerstag
 * 8 bis 16 Uhr; Freitag 8-12"). A part naming only times keeps the days of the part before it. Text that names no
 * day with a time gives no hours at all ({@link #known()} false): then nobody can say it is outside them.
 */
public final class OfficeHours {

    private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
            Map.entry("mo", DayOfWeek.MONDAY), Map.entry("di", DayOfWeek.TUESDAY), Map.entry("mi", DayOfWeek.WEDNESDAY),
            Map.entry("do", DayOfWeek.THURSDAY), Map.entry("fr", DayOfWeek.FRIDAY), Map.entry("sa", DayOfWeek.SATURDAY),
            Map.entry("so", DayOfWeek.SUNDAY));
    private static final String DAY = "(mo|di|mi|do|fr|sa|so)(?:ntags?|enstags?|ttwochs?|nnerstags?|eitags?|mstags?|nntags?)?\\b\\.?";
    private static final Pattern DAY_RANGE = Pattern.compile(DAY + "(?:\\s*(?:-|–|bis)\\s*" + DAY + ")?");
    private static final Pattern TIME_RANGE = Pattern.compile(
            "(\\d{1,2})(?:[:.](\\d{2}))?\\s*(?:uhr)?\\s*(?:-|–|bis)\\s*(\\d{1,2})(?:[:.](\\d{2}))?");

    record Slot(DayOfWeek day, LocalTime from, LocalTime to) {
    }

    private final List<Slot> slots;
    private final String text;

    private OfficeHours(List<Slot> slots, String text) {
        this.slots = List.copyOf(slots);
        this.text = text;
    }

    public static OfficeHours parse(String text) {
        List<Slot> slots = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new OfficeHours(slots, null);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.toLowerCase(Locale.GERMAN).split("[,;\\n]|\\bund\\b")) {
            Set<DayOfWeek> named = EnumSet.noneOf(DayOfWeek.class);
            Matcher d = DAY_RANGE.matcher(part);
            int timesFrom = 0;
            while (d.find()) {
                if (!isDayWord(part, d.start())) {
                    continue;
                }
                DayOfWeek first = DAYS.get(d.group(1));
                DayOfWeek last = d.group(2) == null ? first : DAYS.get(d.group(2));
                for (DayOfWeek day = first; ; day = day.plus(1)) {
                    named.add(day);
                    if (day == last) {
                        break;
                    }
                }
                timesFrom = d.end();
            }
            if (!named.isEmpty()) {
                days = named;
            }
            Matcher t = TIME_RANGE.matcher(part.substring(timesFrom));
            while (t.find()) {
                LocalTime from = time(t.group(1), t.group(2));
                LocalTime to = time(t.group(3), t.group(4));
                if (from != null && to != null && from.isBefore(to)) {
                    for (DayOfWeek day : days) {
                        slots.add(new Slot(day, from, to));
                    }
                }
            }
        }
        return new OfficeHours(slots, text.strip());
    }

    /** A day abbreviation only at a word start ("Do", not the "do" inside "Dokumente"). */
    private static boolean isDayWord(String s, int start) {
        return start == 0 || !Character.isLetter(s.charAt(start - 1));
    }

    private static LocalTime time(String hours, String minutes) {
        int h = Integer.parseInt(hours);
        int m = minutes == null ? 0 : Integer.parseInt(minutes);
        if (h == 24 && m == 0) {
            return LocalTime.MAX;
        }
        return h < 24 && m < 60 ? LocalTime.of(h, m) : null;
    }

    public boolean known() {
        return !slots.isEmpty();
    }

    /** True if someone is there at {@code now}; unknown hours count as open. */
    public boolean openAt(ZonedDateTime now) {
        if (!known()) {
            return true;
        }
        LocalTime t = now.toLocalTime();
        return slots.stream().anyMatch(s -> s.day() == now.getDayOfWeek() && !t.isBefore(s.from()) && t.isBefore(s.to()));
    }

    /** The hours as the tenant wrote them (null if none). */
    public String text() {
        return text;
    }

    List<Slot> slots() {
        return slots;
    }
}
