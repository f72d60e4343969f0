package de.wattos.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Wildcard routing: which topics a subscription pattern receives. */
class TopicPatternTest {

    private static final List<String> TOPICS = List.of("knowledge.space.deleted", "knowledge.document.failed",
            "knowledge.crawl.failed", "channel.widget.updated", "platform.auth.login", "channel.message.answered");

    private static List<String> routed(String pattern) {
        TopicPattern p = TopicPattern.parse(pattern);
        return TOPICS.stream().filter(p::matches).toList();
    }

    @Test
    void anExactTopicMatchesOnlyItself() {
        assertThat(routed("knowledge.space.deleted")).containsExactly("knowledge.space.deleted");
        assertThat(routed("knowledge.space")).isEmpty();
    }

    @Test
    void aStarStandsForOneOrMoreWholeSegments() {
        assertThat(routed("knowledge.*")).containsExactly("knowledge.space.deleted", "knowledge.document.failed",
                "knowledge.crawl.failed");
        assertThat(routed("*.failed")).containsExactly("knowledge.document.failed", "knowledge.crawl.failed");
        assertThat(routed("knowledge.*.failed")).containsExactly("knowledge.document.failed", "knowledge.crawl.failed");
        assertThat(routed("channel.widget.*")).containsExactly("channel.widget.updated");
        assertThat(routed("*")).containsExactlyElementsOf(TOPICS);
    }

    @Test
    void aStarNeverMatchesNothingOrPartOfASegment() {
        assertThat(TopicPattern.parse("knowledge.*").matches("knowledge")).isFalse();
        assertThat(TopicPattern.parse("*.failed").matches("failed")).isFalse();
        assertThat(TopicPattern.parse("*.failed").matches("knowledge.crawl.notfailed")).isFalse();
    }

    @Test
    void listsAreCommaSeparatedAndCaseInsensitive() {
        List<TopicPattern> patterns = TopicPattern.parseList(" Knowledge.* , channel.widget.* ,,");
        assertThat(patterns).extracting(Object::toString).containsExactly("knowledge.*", "channel.widget.*");
        assertThat(TopicPattern.anyMatches(patterns, "channel.widget.deleted")).isTrue();
        assertThat(TopicPattern.anyMatches(patterns, "channel.message.answered")).isFalse();
    }

    @Test
    void malformedPatternsAreRefused() {
        for (String bad : List.of("", "knowledge.", ".x", "knowl*", "know ledge.*", "a..b", "a.b-c", "ä.b")) {
            assertThatThrownBy(() -> TopicPattern.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anEventKnowsItsTopic() {
        DomainEvent e = DomainEvent.of(null, EventDomain.KNOWLEDGE, "space.deleted", DomainEvent.Subject.of("knowledge_space", "1"), null);
        assertThat(e.topic()).isEqualTo("knowledge.space.deleted");
        assertThat(e.matches("channel.*", "*.deleted")).isTrue();
        assertThat(e.actor().kind()).isEqualTo("SYSTEM");
        assertThatThrownBy(() -> DomainEvent.of(null, EventDomain.KNOWLEDGE, "Space Deleted", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
