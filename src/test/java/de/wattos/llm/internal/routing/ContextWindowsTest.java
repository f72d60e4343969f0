package de.wattos.llm.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.wattos.llm.ContextWindow;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Context windows by model name: the operator's figure first, then the known family, else the default. */
class ContextWindowsTest {

    final ContextWindows windows = new ContextWindows(null, new ContextWindowProperties(
            Map.of("my-llama", 32_768, "local-*", 16_384, "gpt-4o", 64_000), 8_192));

    @Test
    void theOperatorsFigureWinsOverTheKnownFamily() {
        assertThat(windows.of("gpt-4o")).isEqualTo(new ContextWindow(64_000, "gpt-4o", ContextWindow.Origin.CONFIGURED));
        assertThat(windows.of("my-llama").tokens()).isEqualTo(32_768);
        assertThat(windows.of("local-mistral-7b")).isEqualTo(new ContextWindow(16_384, "local-mistral-7b", ContextWindow.Origin.CONFIGURED));
    }

    @Test
    void knownFamiliesMatchByTheirLongestPrefix() {
        assertThat(windows.of("gpt-4o-mini")).isEqualTo(new ContextWindow(128_000, "gpt-4o-mini", ContextWindow.Origin.KNOWN_MODEL));
        assertThat(windows.of("gpt-4").tokens()).isEqualTo(8_192);
        assertThat(windows.of("gpt-4-turbo-2024-04-09").tokens()).isEqualTo(128_000);
        assertThat(windows.of("claude-sonnet-4-5").tokens()).isEqualTo(200_000);
        assertThat(windows.of("llama3.1:8b").tokens()).isEqualTo(131_072);
        assertThat(windows.of("llama3:8b").tokens()).isEqualTo(8_192);
        assertThat(windows.of("meta-llama/Llama-3.3-70B-Instruct").tokens()).isEqualTo(131_072);
        assertThat(windows.of("phi3:mini").tokens()).isEqualTo(4_096);
    }

    @Test
    void anUnknownOrMissingModelGetsTheDefault() {
        assertThat(windows.of("stub-model")).isEqualTo(new ContextWindow(8_192, "stub-model", ContextWindow.Origin.DEFAULT));
        assertThat(windows.of(null).origin()).isEqualTo(ContextWindow.Origin.DEFAULT);
        assertThat(new ContextWindows(null, new ContextWindowProperties(null, 4_096)).of("x").tokens()).isEqualTo(4_096);
        assertThatThrownBy(() -> new ContextWindowProperties(Map.of(), 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
