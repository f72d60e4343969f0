package de.wattos.chat.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Answers whose node died while streaming them: the message would read {@code streaming} for ever. No stream lives
 * longer than {@code wattos.chat.stream-timeout}, so an answer still streaming a minute after that is marked
 * {@code incomplete} (finish reason {@code incomplete}), on any node, every minute; the update is idempotent, and an
 * answer that still finishes later (an agent run outliving its stream) overwrites it with its real outcome.
 */
@Component
class OrphanedAnswers {

    static final Duration GRACE = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(OrphanedAnswers.class);

    private final JdbcClient jdbc;
    private final ChatProperties properties;

    OrphanedAnswers(JdbcClient jdbc, ChatProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 30_000)
    void sweep() {
        try {
            markOrphaned(Instant.now());
        } catch (RuntimeException e) {
            log.warn("Marking orphaned answers failed; trying again in a minute: {}", e.toString());
        }
    }

    /** Marks every answer (of any tenant) still streaming since before {@code now - stream-timeout - 1 min}. */
    int markOrphaned(Instant now) {
        int marked = jdbc.sql("""
                update chat_messages set status = :incomplete, finish_reason = coalesce(finish_reason, 'incomplete')
                where status = :streaming and created_at < :before""")
                .param("incomplete", MessageStatus.INCOMPLETE.wire()).param("streaming", MessageStatus.STREAMING.wire())
                .param("before", Timestamp.from(now.minus(properties.streamTimeout()).minus(GRACE))).update();
        if (marked > 0) {
            log.warn("{} answer(s) whose node stopped while streaming them marked incomplete", marked);
        }
        return marked;
    }
}
