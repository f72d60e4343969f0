package de.wattos.platform.events;

import de.wattos.platform.internal.events.EventBusProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hands out {@link EventLogStream}s with the bus's transport and timing ({@code wattos.events.*}). Open streams end
 * when the application stops (their clients reconnect elsewhere) instead of holding graceful shutdown up.
 */
@Component
public class EventLogStreams implements SmartLifecycle {

    private final EventTransport transport;
    private final EventBusProperties props;
    private volatile boolean running;

    EventLogStreams(EventTransport transport, EventBusProperties props) {
        this.transport = transport;
        this.props = props;
    }

    /** A stream that starts after {@code cursor} (a {@code Last-Event-ID}, or {@link EventTransport#head} for new events only). */
    public EventLogStream after(String cursor, EventLogStream.Reader reader, EventLogStream.Frames frames) {
        return new EventLogStream(transport, props.pingInterval(), props.pollInterval(), props.maxStreamDuration(),
                () -> running, cursor, reader, frames);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stopped before the web server's graceful shutdown waits for requests to finish
        return Integer.MAX_VALUE;
    }
}
