package de.wattos.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.support.BoundProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeepAliveTest {

    static final class CountingSink implements AnswerSink {
        final AtomicInteger pings = new AtomicInteger();
        final CountDownLatch threePings = new CountDownLatch(3);
        final AtomicBoolean alive = new AtomicBoolean(true);

        @Override
        public boolean send(String event, Object payload) {
            return alive.get();
        }

        @Override
        public boolean ping() {
            pings.incrementAndGet();
            threePings.countDown();
            return alive.get();
        }

        @Override
        public void close() {
        }

        @Override
        public void onGone(Runnable action) {
        }
    }

    @Test
    void openStreamsArePingedAndDeadOnesForgotten() throws Exception {
        ChatProperties props = BoundProperties.bind("wattos.chat", ChatProperties.class, Map.of("ping-interval", "30ms"));
        KeepAlive keepAlive = new KeepAlive(props);
        try {
            CountingSink live = new CountingSink();
            CountingSink dead = new CountingSink();
            dead.alive.set(false);
            keepAlive.register(live);
            keepAlive.register(dead);
            assertThat(live.threePings.await(5, TimeUnit.SECONDS)).isTrue();
            // a failed ping unregisters the sink (a round already under way may still reach it)
            assertThat(dead.pings.get()).isBetween(1, 3);
            keepAlive.unregister(live);
            int after = live.pings.get();
            Thread.sleep(120);
            assertThat(live.pings.get()).isLessThanOrEqualTo(after + 1);
            assertThat(keepAlive.openCount()).isZero();
        } finally {
            keepAlive.destroy();
        }
    }

    @Test
    void theDefaultIntervalIsTenSeconds() {
        assertThat(ChatProperties.defaults().pingInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ChatProperties.defaults().maxMessageLength()).isEqualTo(4000);
    }
}
