package de.wattos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Citations stored before the {@code curated} flag existed still read: the flag is absent there, which means false. */
class StoredCitationTest {

    private static final TypeReference<List<Chat.Citation>> CITATIONS = new TypeReference<>() {
    };

    @Test
    void aCitationWithoutTheCuratedFlagReadsAsCrawled() {
        JsonMapper json = JsonMapper.builder().build();
        List<Chat.Citation> read = json.readValue("""
                [{"n":1,"title":"Hundesteuer","url":"https://example.org/a","headingPath":null,"page":null,
                  "snippet":"…","documentId":null,"chunkId":null}]""", CITATIONS);
        assertThat(read).singleElement().satisfies(c -> {
            assertThat(c.title()).isEqualTo("Hundesteuer");
            assertThat(c.curated()).isFalse();
        });
    }

    @Test
    void anExplicitNullAlsoReadsAsCrawledAndTrueStaysTrue() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readValue("[{\"n\":1,\"title\":\"t\",\"curated\":null}]", CITATIONS).getFirst().curated()).isFalse();
        assertThat(json.readValue("[{\"n\":2,\"title\":\"t\",\"curated\":true}]", CITATIONS).getFirst().curated()).isTrue();
    }
}
