package de.wattos.crawl.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import de.wattos.platform.NodeRoles;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.Tenants;
import de.wattos.knowledge.KnowledgeSpaces;
import org.springframework.beans.factory.ObjectProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Cron schedules of website sources on db-scheduler (table {@code scheduled_tasks}, cluster-safe: one node picks
 * each due execution). One execution per source (instance id = source id, data = the tenant); when it fires it
 * queues a crawl run (unless one is queued or running) and reschedules itself at the next cron time in the
 * source's time zone. An execution that became due while no node was up is overdue and runs once right after
 * start; missed occurrences are not repeated.
 */
@Component
public class SourceSchedules implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SourceSchedules.class);
    static final String TASK = "crawl-source";

    private final CustomTask<String> task;
    private final Scheduler scheduler;
    private final Sources sources;
    private final CrawlRunQueue queue;
    private final Tenants tenants;
    private final ObjectProvider<KnowledgeSpaces> spaces;
    private final NodeRoles roles;
    private volatile boolean running;

    public SourceSchedules(DataSource dataSource, CrawlProperties props, Sources sources, CrawlRunQueue queue,
            Tenants tenants, ObjectProvider<KnowledgeSpaces> spaces, NodeRoles roles) {
        this.roles = roles;
        this.spaces = spaces;
        this.sources = sources;
        this.queue = queue;
        this.tenants = tenants;
        this.task = Tasks.custom(TASK, String.class)
                .onFailureReschedule(FixedDelay.of(Duration.ofMinutes(5)))
                .execute((instance, context) -> fire(UUID.fromString(instance.getId()), instance.getData()));
        this.scheduler = Scheduler.create(dataSource, task)
                .tableName("scheduled_tasks")
                .schedulerName(new SchedulerName.Fixed(props.nodeName()))
                .pollingInterval(props.schedulerPollingInterval())
                .heartbeatInterval(Duration.ofMinutes(1))
                .threads(2)
                .shutdownMaxWait(Duration.ofSeconds(2))
                .build();
    }

    private CompletionHandler<String> fire(UUID sourceId, String tenantData) {
        TenantRef stored = decodeTenant(tenantData);
        Optional<TenantRef> current = tenants.ref(stored.id());
        if (current.isEmpty()) { // tenant deleted
            return (complete, ops) -> ops.remove();
        }
        TenantRef tenant = current.get();
        Instant next = TenantContext.callAs(tenant, () -> {
            Optional<WebsiteSource> source = sources.find(sourceId);
            if (source.isEmpty() || source.get().schedule() == null) {
                return null;
            }
            if (!spaces.getObject().exists(source.get().spaceId())) {
                log.info("Schedule of source {} stopped: its knowledge space is gone", sourceId);
                return null;
            }
            queue.enqueueScheduled(source.get());
            return nextTime(source.get().schedule(), ZoneId.of(source.get().timeZone()), Instant.now());
        });
        if (next == null) {
            return (complete, ops) -> ops.remove();
        }
        return (complete, ops) -> ops.reschedule(complete, next);
    }

    /** Creates, moves or removes the source's schedule after it was saved (current tenant). */
    public void apply(WebsiteSource source) {
        TaskInstanceId id = TaskInstanceId.of(TASK, source.id().toString());
        if (source.schedule() == null) {
            remove(source.id());
            return;
        }
        Instant next = nextTime(source.schedule(), ZoneId.of(source.timeZone()), Instant.now());
        if (scheduler.getScheduledExecution(id).isPresent()) {
            scheduler.reschedule(id, next);
        } else {
            scheduler.schedule(task.instance(source.id().toString(), encodeTenant(TenantContext.current())), next);
        }
    }

    public void remove(UUID sourceId) {
        TaskInstanceId id = TaskInstanceId.of(TASK, sourceId.toString());
        if (scheduler.getScheduledExecution(id).isPresent()) {
            try {
                scheduler.cancel(id);
            } catch (RuntimeException e) {
                // it is executing right now: its completion finds the source gone (or manual) and removes itself
                log.debug("Schedule of {} not cancelled: {}", sourceId, e.getMessage());
            }
        }
    }

    /** When the source's schedule fires next, or null (manual). */
    public Optional<Instant> next(UUID sourceId) {
        return scheduler.getScheduledExecution(TaskInstanceId.of(TASK, sourceId.toString()))
                .map(e -> e.getExecutionTime());
    }

    /** Looks for due schedules now instead of at the next polling interval. */
    public void checkNow() {
        if (!roles.runsBackgroundWork()) {
            return; // due schedules fire on a worker node at its next poll
        }
        scheduler.triggerCheckForDueExecutions();
    }

    static Instant nextTime(String cron, ZoneId zone, Instant after) {
        ZonedDateTime next = CronExpression.parse(cron).next(after.atZone(zone));
        if (next == null) {
            throw new IllegalArgumentException("cron expression never fires: " + cron);
        }
        return next.toInstant();
    }

    static String encodeTenant(TenantRef t) {
        return t.id() + "|" + t.slug() + "|" + (t.locale() == null ? "" : t.locale()) + "|" + t.timeZone().getId();
    }

    static TenantRef decodeTenant(String data) {
        String[] p = data.split("\\|", -1);
        return new TenantRef(UUID.fromString(p[0]), p[1], p[2].isEmpty() ? null : p[2], ZoneId.of(p[3]));
    }

    @Override
    public void start() {
        // an api node still writes schedules (the client side needs no running scheduler); workers execute them
        if (roles.runsBackgroundWork()) {
            scheduler.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (roles.runsBackgroundWork()) {
            scheduler.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 50;
    }
}
