package de.wattos.widget.internal.web;

import de.wattos.avatar.Avatars;
import de.wattos.character.Agents;
import de.wattos.knowledge.KnowledgeSpaces;
import de.wattos.platform.ApiException;
import de.wattos.platform.Page;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.widget.internal.PublicBaseUrl;
import de.wattos.widget.internal.Widget;
import de.wattos.widget.internal.WidgetRequest;
import de.wattos.widget.internal.WidgetValidator;
import de.wattos.widget.internal.WidgetView;
import de.wattos.widget.internal.Widgets;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** Widget administration: {@code /api/v1/tenants/{tenant}/widgets}. Tenant and role are checked centrally. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/widgets")
class WidgetController {

    private final Agents agents;
    private final Widgets widgets;
    private final KnowledgeSpaces spaces;
    private final DomainEvents bus;
    private final PublicBaseUrl baseUrl;
    private final Avatars avatars;

    WidgetController(Agents agents, Widgets widgets, KnowledgeSpaces spaces, DomainEvents bus,
            PublicBaseUrl baseUrl, Avatars avatars) {
        this.avatars = avatars;
        this.agents = agents;
        this.widgets = widgets;
        this.spaces = spaces;
        this.bus = bus;
        this.baseUrl = baseUrl;
    }

    record EmbedCode(String script, String iframe, String publicKey, String widgetUrl, String previewUrl) {
    }

    @GetMapping
    Page<WidgetView> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        return new Page<>(widgets.list(page * size, size).stream().map(WidgetView::of).toList(), page, size, widgets.count());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WidgetView create(@RequestBody WidgetRequest request) {
        WidgetValidator.Result v = WidgetValidator.validate(request, this::spaceExists, this::avatarExists);
        if (v.settings().agentId() != null && agents.find(v.settings().agentId()).isEmpty()) {
            throw ApiException.notFound("Agent");
        }
        Widget w = widgets.create(v.name(), v.status(), v.settings());
        record("widget.created", w);
        return WidgetView.of(w);
    }

    @GetMapping("/{id}")
    WidgetView get(@PathVariable UUID id) {
        return WidgetView.of(widgets.find(id).orElseThrow(() -> ApiException.notFound("Widget")));
    }

    @PutMapping("/{id}")
    WidgetView replace(@PathVariable UUID id, @RequestBody WidgetRequest request) {
        widgets.find(id).orElseThrow(() -> ApiException.notFound("Widget"));
        WidgetValidator.Result v = WidgetValidator.validate(request, this::spaceExists, this::avatarExists);
        if (v.settings().agentId() != null && agents.find(v.settings().agentId()).isEmpty()) {
            throw ApiException.notFound("Agent");
        }
        Widget w = widgets.update(id, v.name(), v.status(), v.settings()).orElseThrow(() -> ApiException.notFound("Widget"));
        record("widget.updated", w);
        return WidgetView.of(w);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        Widget w = widgets.find(id).orElseThrow(() -> ApiException.notFound("Widget"));
        widgets.delete(id);
        record("widget.deleted", w);
    }

    @GetMapping("/{id}/embed-code")
    EmbedCode embedCode(@PathVariable UUID id, HttpServletRequest request) {
        Widget w = widgets.find(id).orElseThrow(() -> ApiException.notFound("Widget"));
        return embedCode(w, baseUrl.get(request));
    }

    static EmbedCode embedCode(Widget w, String base) {
        String key = HtmlUtils.htmlEscape(w.publicKey());
        String script = "<script src=\"" + HtmlUtils.htmlEscape(base) + "/widget.js\" data-wattos-widget=\"" + key
                + "\" async></script>";
        String name = w.settings().assistantName() == null ? w.name() : w.settings().assistantName();
        String iframe = "<iframe src=\"" + HtmlUtils.htmlEscape(base) + "/w/" + key + "\" title=\""
                + HtmlUtils.htmlEscape("Chat: " + name) + "\" style=\"width:400px;height:640px;max-width:100%;border:0\""
                + " loading=\"lazy\"></iframe>";
        return new EmbedCode(script, iframe, w.publicKey(), base + "/w/" + w.publicKey(),
                base + "/w/" + w.publicKey() + "/preview");
    }

    private boolean spaceExists(UUID id) {
        return spaces.exists(id);
    }

    private boolean avatarExists(UUID id) {
        return avatars.find(id).isPresent();
    }

    private void record(String action, Widget w) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", w.name());
        details.put("status", w.status().wire());
        details.put("allowedOrigins", w.settings().allowedOrigins());
        details.put("spaceIds", w.settings().spaceIds().stream().map(UUID::toString).toList());
        bus.publish(DomainEvent.of(EventDomain.CHANNEL, action, DomainEvent.Subject.of("widget", w.id()), details));
    }
}
