package de.wattos.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MessageStatusTest {

    @Test
    void wireValuesAreExactlyThoseTheTableAccepts() throws IOException {
        String ddl;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/chat/V600__chat.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher check = Pattern.compile("check \\(status in \\(([^)]*)\\)\\)").matcher(ddl);
        assertThat(check.find()).as("the status check of chat_messages").isTrue();
        assertThat(check.group(1).replace("'", "").split(",\\s*"))
                .containsExactlyInAnyOrder(Arrays.stream(MessageStatus.values()).map(MessageStatus::wire).toArray(String[]::new));
    }

    @Test
    void jsonKeepsTheLowerCaseValues() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.writeValueAsString(MessageStatus.INCOMPLETE)).isEqualTo("\"incomplete\"");
        assertThat(json.writeValueAsString(MessageStatus.STREAMING)).isEqualTo("\"streaming\"");
        assertThat(MessageStatus.of("complete")).isEqualTo(MessageStatus.COMPLETE);
        assertThat(MessageStatus.of("ERROR")).isEqualTo(MessageStatus.ERROR);
    }

    @Test
    void finishReasonsMapToTheStatusStored() {
        assertThat(MessageStatus.ofFinishReason("stop")).isEqualTo(MessageStatus.COMPLETE);
        assertThat(MessageStatus.ofFinishReason("length")).isEqualTo(MessageStatus.COMPLETE);
        assertThat(MessageStatus.ofFinishReason("stopped")).isEqualTo(MessageStatus.INCOMPLETE);
        assertThat(MessageStatus.ofFinishReason("cancelled")).isEqualTo(MessageStatus.INCOMPLETE);
        assertThat(MessageStatus.ofFinishReason("incomplete")).isEqualTo(MessageStatus.INCOMPLETE);
        assertThat(MessageStatus.ofFinishReason("error")).isEqualTo(MessageStatus.ERROR);
    }

    @Test
    void refusesUnknownValues() {
        assertThatThrownBy(() -> MessageStatus.of("done")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageStatus.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
