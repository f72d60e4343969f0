package de.wattos.llm.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CallOutcomeTest {

    @Test
    void storesTheValuesRecordedBeforeTheEnum() {
        assertThat(Arrays.stream(CallOutcome.values()).map(CallOutcome::wire))
                .containsExactly("ok", "error", "cancelled", "refused", "budget_extractive");
        for (CallOutcome o : CallOutcome.values()) {
            assertThat(CallOutcome.of(o.wire())).isEqualTo(o);
        }
    }

    @Test
    void refusesUnknownValues() {
        assertThatThrownBy(() -> CallOutcome.of("success")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallOutcome.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
