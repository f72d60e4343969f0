package de.wattos.widget.internal.web;

import de.wattos.widget.internal.Widget;
import de.wattos.widget.internal.Widgets;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Pages served for a widget: {@code /w/{publicKey}} (the iframe / full-page variant; only the widget's allowed
 * origins may frame it) and {@code /w/{publicKey}/preview} (a sample page with the widget embedded, used by the
 * quickstart and the console).
 */
@RestController
public class WidgetPages {

    private final Widgets widgets;

    WidgetPages(Widgets widgets) {
        this.widgets = widgets;
    }

    @GetMapping(value = "/w/{publicKey}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> frame(@PathVariable String publicKey) {
        Optional<Widget> found = find(publicKey);
        if (found.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "'none'", "de", "Nicht gefunden / Not found",
                    "<main><h1>Dieser Assistent existiert nicht.</h1><p lang=\"en\">This assistant does not exist.</p></main>");
        }
        Widget w = found.get();
        String ancestors = String.join(" ", w.settings().allowedOrigins());
        if (!w.active()) {
            return unavailable("'self' " + ancestors);
        }
        String title = HtmlUtils.htmlEscape(title(w));
        return page(HttpStatus.OK, "'self' " + ancestors, w.settings().locale(), title,
                "<main><h1 class=\"sr\">" + title + "</h1>"
                        + "<script src=\"/widget.js\" data-wattos-widget=\"" + HtmlUtils.htmlEscape(w.publicKey())
                        + "\" data-mode=\"fullpage\" async></script></main>");
    }

    @GetMapping(value = "/w/{publicKey}/preview", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> preview(@PathVariable String publicKey) {
        Optional<Widget> found = find(publicKey);
        if (found.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "'none'", "de", "Nicht gefunden / Not found",
                    "<main><h1>Dieser Assistent existiert nicht.</h1><p lang=\"en\">This assistant does not exist.</p></main>");
        }
        Widget w = found.get();
        if (!w.active()) {
            return unavailable("'self'");
        }
        boolean en = w.settings().locale().startsWith("en");
        String name = HtmlUtils.htmlEscape(title(w));
        String body = "<header><p class=\"tag\">" + (en ? "Preview" : "Vorschau") + "</p><h1>" + name + "</h1></header>"
                + "<main><p>" + (en
                        ? "This page shows the assistant as it appears on your website. Open it with the button in the corner and ask a question."
                        : "Diese Seite zeigt den Assistenten so, wie er auf Ihrer Website erscheint. Öffnen Sie ihn über die Schaltfläche in der Ecke und stellen Sie eine Frage.")
                + "</p>"
                + "<div id=\"slot\"><script src=\"/widget.js\" data-wattos-widget=\"" + HtmlUtils.htmlEscape(w.publicKey())
                + "\" async></script></div></main>";
        return page(HttpStatus.OK, "'self'", w.settings().locale(), (en ? "Preview: " : "Vorschau: ") + name, body);
    }

    /**
     * The avatar frame the widget embeds when its avatar is on: three.js (WebJar) renders the model, the mouth follows
     * the viseme timings the widget posts. Framed by the widget's allowed origins, like {@code /w/{publicKey}}.
     */
    @GetMapping(value = "/w/{publicKey}/avatar", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> avatarFrame(@PathVariable String publicKey) {
        Optional<Widget> found = find(publicKey).filter(w -> w.active() && w.settings().speechOrOff().avatarOn());
        if (found.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "'none'", "de", "Nicht gefunden / Not found",
                    "<main><h1>Kein Avatar.</h1><p lang=\"en\">No avatar.</p></main>");
        }
        Widget w = found.get();
        String lang = HtmlUtils.htmlEscape(w.settings().locale());
        String html = "<!doctype html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Avatar</title>"
                + "<style>html,body{margin:0;height:100%;background:transparent;overflow:hidden}"
                + "main,canvas,img{display:block;width:100%;height:100%;object-fit:contain}</style>"
                + "<script type=\"importmap\">" + AVATAR_IMPORTS + "</script></head><body>"
                + "<main id=\"stage\" data-key=\"" + HtmlUtils.htmlEscape(w.publicKey()) + "\"></main>"
                + "<script type=\"module\" src=\"/widget-avatar.js\"></script></body></html>";
        String csp = "default-src 'none'; script-src 'self' '" + AVATAR_IMPORTS_HASH + "'; connect-src 'self' blob: data:; "
                + "img-src 'self' blob: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'self' " + String.join(" ", w.settings().allowedOrigins());
        return ResponseEntity.ok().contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", csp).header("Referrer-Policy", "strict-origin-when-cross-origin")
                .body(html);
    }

    /** GLTFLoader imports the bare name {@code three}; the import map is inline, so the CSP names its hash. */
    static final String AVATAR_IMPORTS = "{\"imports\":{\"three\":\"/webjars/three/build/three.module.min.js\","
            + "\"three/addons/\":\"/webjars/three/examples/jsm/\"}}";
    public static final String AVATAR_IMPORTS_HASH = "sha256-" + java.util.Base64.getEncoder().encodeToString(sha256(AVATAR_IMPORTS));

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A widget that is not active shows nothing of itself (name, greeting, locale), only that it is unavailable. */
    private static ResponseEntity<String> unavailable(String frameAncestors) {
        return page(HttpStatus.FORBIDDEN, frameAncestors, "de", "Nicht verfügbar / Not available",
                "<main><h1>Dieser Assistent ist derzeit nicht verfügbar.</h1>"
                        + "<p lang=\"en\">This assistant is currently not available.</p></main>");
    }

    private Optional<Widget> find(String publicKey) {
        if (publicKey == null || !Widget.PUBLIC_KEY.matcher(publicKey).matches()) {
            return Optional.empty();
        }
        return widgets.findByPublicKey(publicKey);
    }

    private static String title(Widget w) {
        return w.settings().assistantName() != null ? w.settings().assistantName() : w.name();
    }

    private static ResponseEntity<String> page(HttpStatus status, String frameAncestors, String lang, String title,
            String body) {
        String html = "<!doctype html><html lang=\"" + HtmlUtils.htmlEscape(lang) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title>"
                + "<style>html,body{margin:0;min-height:100%;font-family:system-ui,sans-serif;color:#1a1a1a;background:#fff}"
                + "header,main{max-width:46rem;margin:0 auto;padding:1rem}.tag{color:#555;margin:0}"
                + ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}</style>"
                + "</head><body>" + body + "</body></html>";
        String csp = "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' https: http: data:; "
                + "style-src 'self' 'unsafe-inline'; font-src 'self' https:; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors " + frameAncestors;
        return ResponseEntity.status(status).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", csp).header("Referrer-Policy", "strict-origin-when-cross-origin")
                .body(html);
    }
}
