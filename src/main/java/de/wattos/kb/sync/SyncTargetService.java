package de.wattos.kb.sync;

import de.wattos.kb.SyncTarget;
import de.wattos.kb.SyncTargetConfig;
import de.wattos.kb.SyncTargetFactory;
import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantContext;
import de.wattos.platform.UrlGuard;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** A tenant's sync targets: validated by their factory, secrets sealed, every change audited. */
@Service
public class SyncTargetService {

    private final SyncTargets targets;
    private final Outbox outbox;
    private final SecretBox secrets;
    private final DomainEvents bus;
    private final TransactionTemplate tx;
    private final Map<String, SyncTargetFactory> factories;

    SyncTargetService(SyncTargets targets, Outbox outbox, SecretBox secrets, DomainEvents bus, TransactionTemplate tx,
            List<SyncTargetFactory> factories) {
        this.targets = targets;
        this.outbox = outbox;
        this.secrets = secrets;
        this.bus = bus;
        this.tx = tx;
        this.factories = factories.stream().collect(Collectors.toMap(SyncTargetFactory::type, Function.identity()));
    }

    public List<String> types() {
        return factories.keySet().stream().sorted().toList();
    }

    public SyncTargets.Target create(String name, String type, String url, Map<String, String> options, String secret,
            boolean enabled) {
        SyncTargetFactory factory = factories.get(type);
        if (factory == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "sync_target_type_unknown", "Unknown target type " + type,
                    List.of(), Map.of("types", types())).withArgs(type, String.join(", ", types()));
        }
        if (factory.needsUrl() && (url == null || url.isBlank())) {
            throw ApiException.invalidField("url", "kb.sync.url_required");
        }
        if (factory.needsSecret() && (secret == null || secret.isBlank())) {
            throw ApiException.invalidField("secret", "kb.sync.secret_required");
        }
        UUID id = Ids.newId();
        SyncTargetConfig config = new SyncTargetConfig(id, TenantContext.currentId(), name, type,
                url == null || url.isBlank() ? null : url.strip(), options, secret);
        try {
            factory.validate(config);
        } catch (UrlGuard.BlockedUrlException e) {
            throw ApiException.invalidField("url", "kb.sync.url_refused", e.code());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("options", "kb.sync.options_invalid", e.getMessage());
        }
        SyncTargets.Target target = new SyncTargets.Target(id, TenantContext.currentId(), name, type, config.url(),
                config.options(), secret == null ? null : secrets.encrypt(secret),
                secret == null ? null : SecretBox.hint(secret), enabled, null, null);
        tx.executeWithoutResult(s -> {
            targets.insert(target);
            record("kb.sync_target.created", target);
        });
        return get(id);
    }

    public SyncTargets.Target get(UUID id) {
        return targets.find(id).orElseThrow(() -> ApiException.notFound("Sync_target"));
    }

    public void delete(UUID id) {
        SyncTargets.Target target = get(id);
        tx.executeWithoutResult(s -> {
            targets.delete(id);
            record("kb.sync_target.deleted", target);
        });
    }

    /** What a connection test found: {@code reason} is null when the target accepted, never a secret. */
    public record ProbeResult(boolean ok, String reason, long millis) {
    }

    /** Tests the target's connection with its stored configuration; audited, since it reaches an outside system. */
    public ProbeResult probe(UUID id) {
        SyncTargets.Target target = get(id);
        SyncTargetFactory factory = factories.get(target.type());
        long start = System.nanoTime();
        String reason = null;
        if (factory == null) {
            reason = "no factory for type " + target.type();
        } else {
            try {
                factory.probe(new SyncTargetConfig(target.id(), target.tenantId(), target.name(), target.type(),
                        target.url(), target.options(), target.secret() == null ? null : secrets.decrypt(target.secret())));
            } catch (SyncTarget.SyncFailure e) {
                reason = e.getMessage();
            } catch (RuntimeException e) {
                reason = "test failed: " + e.getClass().getSimpleName();
            }
        }
        ProbeResult result = new ProbeResult(reason == null, reason, (System.nanoTime() - start) / 1_000_000);
        Map<String, Object> payload = new LinkedHashMap<>(describe(target));
        payload.put("ok", result.ok());
        if (reason != null) {
            payload.put("reason", reason);
        }
        tx.executeWithoutResult(s -> bus.publish(DomainEvent.of(EventDomain.KNOWLEDGE, "kb.sync_target.tested",
                DomainEvent.Subject.of("kb_sync_target", id), payload)));
        return result;
    }

    public int retryDead(UUID id) {
        SyncTargets.Target target = get(id);
        int[] count = new int[1];
        tx.executeWithoutResult(s -> {
            count[0] = outbox.retryDead(id);
            Map<String, Object> payload = new LinkedHashMap<>(describe(target));
            payload.put("rows", count[0]);
            bus.publish(DomainEvent.of(EventDomain.KNOWLEDGE, "kb.sync_target.retried",
                    DomainEvent.Subject.of("kb_sync_target", id), payload));
        });
        return count[0];
    }

    private void record(String action, SyncTargets.Target t) {
        bus.publish(DomainEvent.of(EventDomain.KNOWLEDGE, action, DomainEvent.Subject.of("kb_sync_target", t.id()),
                describe(t)));
    }

    private static Map<String, Object> describe(SyncTargets.Target t) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", t.name());
        details.put("type", t.type());
        if (t.url() != null) {
            details.put("url", t.url());
        }
        details.put("enabled", t.enabled());
        return details;
    }
}
