package de.wattos.kb.notify.web;

import de.wattos.kb.notify.ReviewNotifications;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Role;
import de.wattos.platform.TenantRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's review notifications: {@code /api/v1/tenants/{tenant}/kb/notifications}. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/kb/notifications")
public class ReviewNotificationController {

    record Inbox(List<ReviewNotifications.Entry> items, long unread) {
    }

    private final ReviewNotifications notifications;

    ReviewNotificationController(ReviewNotifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @TenantRole(Role.VIEWER)
    Inbox list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(defaultValue = "50") int size) {
        if (size < 1 || size > 200) {
            throw ApiException.invalidField("size", "kb.notify.size");
        }
        String user = CurrentActor.get().id();
        return new Inbox(notifications.of(user, unread, size), notifications.unread(user));
    }

    @PostMapping("/{id}/read")
    @TenantRole(Role.VIEWER)
    Map<String, Object> read(@PathVariable UUID id) {
        if (!notifications.markRead(CurrentActor.get().id(), id)) {
            throw ApiException.notFound("Notification");
        }
        return Map.of("id", id, "read", true);
    }
}
