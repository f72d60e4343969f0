package de.wattos.agent.internal.run;

import de.wattos.agent.internal.tool.spi.ToolSource;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sources an answer cites with {@code [n]}; an answer that cites none keeps none. */
final class Citations {

    private static final Pattern MARK = Pattern.compile("\\[(\\d{1,3})]");

    private Citations() {
    }

    static List<ToolSource> cited(String answer, List<ToolSource> sources) {
        java.util.Set<Integer> numbers = new java.util.HashSet<>();
        Matcher m = MARK.matcher(answer == null ? "" : answer);
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        return sources.stream().filter(s -> numbers.contains(s.n())).toList();
    }
}
