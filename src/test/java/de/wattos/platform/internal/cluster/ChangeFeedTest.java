package de.wattos.platform.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.NodeRoles;
import de.wattos.platform.cluster.ChangeFeed;
import de.wattos.platform.cluster.ClusterSignals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The change feed between instances on the real database: two feeds in one JVM stand for two processes (each has
 * its own origin). A follower gets the other instance's changes in order, never its own, a change whose insert
 * committed after a later one's, and a batch again after its applier failed.
 */
@IntegrationTest
class ChangeFeedTest {

    private static final ClusterProperties FAST = new ClusterProperties(Duration.ofMillis(200), Duration.ofSeconds(20),
            Duration.ofDays(1));

    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired ClusterSignals signals;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private JdbcChangeFeed instance() {
        JdbcChangeFeed feed = new JdbcChangeFeed(jdbc, signals, FAST, NodeRoles.all());
        opened.add(feed::destroy);
        return feed;
    }

    @Test
    void eachInstanceAppliesTheOthersChangesInOrderButNotItsOwn() throws Exception {
        String name = "test-" + UUID.randomUUID();
        JdbcChangeFeed a = instance();
        JdbcChangeFeed b = instance();
        List<ChangeFeed.Change> seenByA = new CopyOnWriteArrayList<>();
        List<ChangeFeed.Change> seenByB = new CopyOnWriteArrayList<>();
        UUID tenant = UUID.randomUUID();
        a.record(name, tenant, "document", UUID.randomUUID()); // before anyone follows: not replayed
        opened.add(a.follow(name, seenByA::addAll));
        opened.add(b.follow(name, seenByB::addAll));

        List<UUID> fromA = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (UUID subject : fromA) {
            a.record(name, tenant, "document", subject);
        }
        UUID fromB = UUID.randomUUID();
        b.record(name, null, "space", fromB);

        await(() -> seenByB.size() >= 3, "b applies a's three changes");
        await(() -> !seenByA.isEmpty(), "a applies b's change");
        assertThat(seenByB).extracting(ChangeFeed.Change::subject).containsExactlyElementsOf(fromA);
        assertThat(seenByB).extracting(ChangeFeed.Change::tenantId).containsOnly(tenant);
        // a's follower read its own three changes before b's (order of the feed) and skipped them
        assertThat(seenByA).extracting(ChangeFeed.Change::subject).containsExactly(fromB);
        assertThat(seenByA.getFirst().kind()).isEqualTo("space");
    }

    @Test
    void aChangeThatCommitsAfterALaterOneIsStillApplied() throws Exception {
        String name = "test-" + UUID.randomUUID();
        JdbcChangeFeed a = instance();
        JdbcChangeFeed b = instance();
        List<UUID> seenByB = new CopyOnWriteArrayList<>();
        opened.add(b.follow(name, changes -> changes.forEach(c -> seenByB.add(c.subject()))));
        UUID late = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (PreparedStatement insert = slow.prepareStatement("""
                    insert into platform_change_feed (feed, origin, kind, subject) values (?, 'another-node', 'document', ?)""")) {
                insert.setString(1, name);
                insert.setObject(2, late);
                insert.executeUpdate(); // takes the lower sequence number, visible only at commit
            }
            a.record(name, UUID.randomUUID(), "document", early);
            await(() -> seenByB.contains(early), "b applies the committed later change");
            slow.commit();
        }
        await(() -> seenByB.contains(late), "b applies the change that committed late");
        assertThat(seenByB).containsExactly(early, late);
    }

    @Test
    void aBatchWhoseApplierFailedIsOfferedAgain() throws Exception {
        String name = "test-" + UUID.randomUUID();
        JdbcChangeFeed a = instance();
        JdbcChangeFeed b = instance();
        AtomicInteger attempts = new AtomicInteger();
        List<UUID> applied = new CopyOnWriteArrayList<>();
        opened.add(b.follow(name, changes -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("index busy");
            }
            changes.forEach(c -> applied.add(c.subject()));
        }));
        UUID subject = UUID.randomUUID();
        a.record(name, UUID.randomUUID(), "document", subject);
        await(() -> applied.contains(subject), "applied on the second attempt");
        assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
        assertThat(applied).containsExactly(subject);
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("not within 30 s: %s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
