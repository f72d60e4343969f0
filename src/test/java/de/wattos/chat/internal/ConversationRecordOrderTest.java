package de.wattos.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.chat.ConversationRecords.Entry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A (question, answer) pair stored with the answer's timestamp first still reads question first. */
class ConversationRecordOrderTest {

    @Test
    void eachPairReadsQuestionThenAnswer() {
        Entry q1 = entry("user", "Frage 1");
        Entry a1 = entry("assistant", "Antwort 1");
        Entry q2 = entry("user", "Frage 2");
        Entry a2 = entry("assistant", "Antwort 2");
        assertThat(ConversationRecordStore.questionsFirst(List.of(a1, q1, q2, a2))).containsExactly(q1, a1, q2, a2);
        assertThat(ConversationRecordStore.questionsFirst(List.of(q1, a1, a2, q2))).containsExactly(q1, a1, q2, a2);
        assertThat(ConversationRecordStore.questionsFirst(List.of(q1))).containsExactly(q1);
    }

    private static Entry entry(String role, String content) {
        return new Entry(UUID.randomUUID(), role, content, Instant.EPOCH, false, "complete", null, null, List.of(), List.of());
    }
}
