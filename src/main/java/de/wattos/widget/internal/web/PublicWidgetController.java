package de.wattos.widget.internal.web;

import de.wattos.avatar.AvatarFile;
import de.wattos.avatar.Avatars;
import de.wattos.character.AgentProfile;
import de.wattos.character.Agents;
import de.wattos.character.AssistantCharacter;
import de.wattos.character.Characters;
import de.wattos.chat.Chat;
import de.wattos.chat.web.AnswerSse;
import de.wattos.platform.Actor;
import de.wattos.platform.ApiException;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.tenancy.Tenants;
import de.wattos.voice.AudioClip;
import de.wattos.voice.SentenceSpeech;
import de.wattos.voice.SpeechLines;
import de.wattos.voice.SpeechRequest;
import de.wattos.voice.SpokenText;
import de.wattos.voice.Transcript;
import de.wattos.voice.Voice;
import de.wattos.widget.internal.AbuseGuard;
import de.wattos.widget.internal.VisitorTokens;
import de.wattos.widget.internal.Widget;
import de.wattos.widget.internal.WidgetProperties;
import de.wattos.widget.internal.WidgetSettings;
import de.wattos.widget.internal.WidgetValidator;
import de.wattos.widget.internal.Widgets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import de.wattos.platform.Ids;
import de.wattos.platform.events.DomainEvents;
import de.wattos.widget.CitationClicked;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public widget API (no login): configuration, visitor sessions, messages (streamed), feedback. Origins
 * are checked by {@code WidgetCorsFilter}; here: widget state, visitor token, input, rate limits, daily budget.
 */
@RestController
@RequestMapping("/api/v1/public/widgets/{publicKey}")
class PublicWidgetController {

    /** One sentence (or a short paragraph) per speech request: the widget reads answers sentence by sentence. */
    static final int MAX_SPOKEN = 600;
    /** A whole answer streamed sentence by sentence (the voice module's own cap is 1,500 characters). */
    static final int MAX_STREAMED = 1500;
    static final int RECORDINGS_PER_VISITOR_PER_HOUR = 60;
    private static final Logger log = LoggerFactory.getLogger(PublicWidgetController.class);

    private final Widgets widgets;
    private final VisitorTokens tokens;
    private final AbuseGuard guard;
    private final Chat chat;
    private final Agents agents;
    private final WidgetProperties properties;
    private final JsonMapper json;
    private final Tenants tenants;
    private final Voice voice;
    private final Avatars avatars;
    private final Characters characters;
    private final AnswerSse answerSse;
    private final DomainEvents bus;

    PublicWidgetController(Widgets widgets, VisitorTokens tokens, AbuseGuard guard, Chat chat,
            WidgetProperties properties, JsonMapper json, Tenants tenants, Agents agents, Voice voice, Avatars avatars,
            Characters characters,
            AnswerSse answerSse, DomainEvents bus) {
        this.bus = bus;
        this.voice = voice;
        this.avatars = avatars;
        this.characters = characters;
        this.answerSse = answerSse;
        this.agents = agents;
        this.tenants = tenants;
        this.widgets = widgets;
        this.tokens = tokens;
        this.guard = guard;
        this.chat = chat;
        this.properties = properties;
        this.json = json;
    }

    /** What widget.js needs to render; nothing internal (no origins, spaces or limits). */
    record PublicConfig(String publicKey, String mode, String position, String size, WidgetSettings.Theme theme,
            String assistantName, String avatarUrl, String greeting, List<String> suggestedQuestions, String locale,
            String privacyUrl, String disclosureText, int maxMessageLength, boolean voice, boolean avatar) {
    }

    record SpeechBody(String text) {
    }

    record Session(String token, String tokenType, long expiresIn, Instant expiresAt, String visitorId) {
    }

    record MessageRequest(UUID conversationId, String content) {
    }

    record FeedbackRequest(UUID messageId, String rating, String comment) {
    }

    record CitationClickRequest(UUID messageId, String url) {
    }

    /** The widget's agent if it names one that is published; drafts and archived agents never reach citizens. */
    private AgentProfile publishedAgent(Widget w) {
        UUID agentId = w.settings().agentId();
        if (agentId == null) {
            return null;
        }
        return TenantContext.callAs(tenantOf(w), () -> agents.find(agentId).filter(AgentProfile::published).orElse(null));
    }

    @GetMapping("/config")
    ResponseEntity<byte[]> config(@PathVariable String publicKey,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Widget w = activeWidget(publicKey);
        WidgetSettings s = w.settings();
        // a bound, published agent supplies the greeting and suggested questions the widget leaves empty
        AgentProfile agent = publishedAgent(w);
        String greeting = s.greeting() == null && agent != null ? agent.greeting() : s.greeting();
        List<String> questions = s.suggestedQuestions().isEmpty() && agent != null
                ? agent.suggestedQuestions().subList(0, Math.min(6, agent.suggestedQuestions().size())) : s.suggestedQuestions();
        byte[] body = json.writeValueAsBytes(new PublicConfig(w.publicKey(), s.mode(), s.position(), s.size(), s.theme(),
                s.assistantName(), s.avatarUrl(), greeting, questions, s.locale(), s.privacyUrl(),
                s.disclosureText(), properties.maxMessageLength(), s.speechOrOff().voiceOn(), s.speechOrOff().avatarOn()));
        String etag = "\"" + sha256(body).substring(0, 32) + "\"";
        CacheControl cache = CacheControl.maxAge(Duration.ofSeconds(properties.configCacheSeconds())).cachePublic();
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(cache)
                .header(HttpHeaders.CONTENT_TYPE, "application/json").body(body);
    }

    @PostMapping("/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    Session session(@PathVariable String publicKey, HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Widget w = activeWidget(publicKey);
        String origin = requireOrigin(request);
        guard.consume("session-ip", w.id() + "|" + request.getRemoteAddr(), properties.sessionsPerIpPerHour(),
                "rate_limited", "Too many new sessions from this address; please wait a moment");
        String previous = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        VisitorTokens.Issued issued = tokens.issue(w, origin, tokens.renewableVisitor(previous, w, origin));
        long expiresIn = Math.max(0, Duration.between(Instant.now(), issued.expiresAt()).toSeconds());
        return new Session(issued.token(), "Bearer", expiresIn, issued.expiresAt(), issued.visitorId());
    }

    @PostMapping("/messages")
    SseEmitter message(@PathVariable String publicKey, @RequestBody MessageRequest body, HttpServletRequest request,
            HttpServletResponse response,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Widget w = activeWidget(publicKey);
        VisitorTokens.Visitor visitor = tokens.verify(authorization, w, request.getHeader(HttpHeaders.ORIGIN));
        String content = body.content() == null ? "" : body.content().strip();
        if (content.isEmpty()) {
            throw ApiException.invalidField("content", "must not be blank");
        }
        if (content.length() > properties.maxMessageLength()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "message_too_long",
                    "A message may have at most " + properties.maxMessageLength() + " characters",
                    List.of(new ApiException.FieldError("content", "too_long",
                            "at most " + properties.maxMessageLength() + " characters")), Map.of());
        }
        WidgetSettings.Limits limits = w.settings().limits();
        guard.consume("msg-ip", w.id() + "|" + request.getRemoteAddr(), limits.messagesPerIpPerHour(),
                "rate_limited", "Too many messages from this address; please wait a moment");
        guard.consume("msg-visitor", w.id() + "|" + visitor.visitorId(), limits.messagesPerVisitorPerHour(),
                "rate_limited", "Too many messages; please wait a moment");
        Chat answering = chat;
        TenantRef tenant = tenantOf(w);
        asVisitor(w, visitor);
        return TenantContext.callAs(tenant, () -> {
            checkBudget(w, tenant);
            UUID conversation = body.conversationId();
            if (conversation != null) {
                if (!widgets.ownsConversation(w.id(), conversation, visitor.visitorId()) || !answering.exists(conversation)) {
                    throw ApiException.notFound("Conversation");
                }
            } else {
                String title = content.length() > 80 ? content.substring(0, 80) + "…" : content;
                AgentProfile agent = publishedAgent(w);
                conversation = answering.startConversation(w.settings().spaceIds(), title, "widget", w.settings().locale(),
                        new Chat.Origin(w.id(), visitor.visitorId(), agent == null ? null : agent.id()));
                widgets.recordConversation(w.id(), conversation, visitor.visitorId());
            }
            response.setHeader("X-Wattos-Conversation-Id", conversation.toString());
            response.setHeader("X-Accel-Buffering", "no");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            UUID conversationId = conversation;
            Chat.AskOptions options = new Chat.AskOptions("widget",
                    summary -> finished(tenant, w, conversationId, visitor.visitorId(), content, summary));
            UUID asked = conversation;
            return answerSse.serve(stream -> answering.askStreaming(asked, content, options, stream));
        });
    }

    @PostMapping("/feedback")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void feedback(@PathVariable String publicKey, @RequestBody FeedbackRequest body, HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Widget w = activeWidget(publicKey);
        VisitorTokens.Visitor visitor = tokens.verify(authorization, w, request.getHeader(HttpHeaders.ORIGIN));
        if (body.messageId() == null) {
            throw ApiException.invalidField("messageId", "must be given");
        }
        if (body.rating() == null || !(body.rating().equals("up") || body.rating().equals("down"))) {
            throw ApiException.invalidField("rating", "must be up or down");
        }
        if (body.comment() != null && body.comment().length() > 1000) {
            throw ApiException.invalidField("comment", "at most 1000 characters");
        }
        guard.consume("feedback-visitor", w.id() + "|" + visitor.visitorId(), 60, "rate_limited",
                "Too much feedback; please wait a moment");
        Chat answering = chat;
        asVisitor(w, visitor);
        TenantContext.runAs(tenantOf(w), () -> {
            if (!widgets.ownsMessage(w.id(), body.messageId(), visitor.visitorId())) {
                throw ApiException.notFound("Message");
            }
            answering.feedback(body.messageId(), body.rating(), body.comment(), null);
        });
    }

    /**
     * The visitor opened a source of one of their answers (click-through for analytics). Only for messages of the
     * visitor's own conversation in this widget (404 otherwise, as for anything of another tenant); rate-limited per
     * visitor, since it needs no more than a visitor token.
     */
    @PostMapping("/citation-clicks")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void citationClick(@PathVariable String publicKey, @RequestBody CitationClickRequest body, HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Widget w = activeWidget(publicKey);
        VisitorTokens.Visitor visitor = tokens.verify(authorization, w, request.getHeader(HttpHeaders.ORIGIN));
        if (body.messageId() == null) {
            throw ApiException.invalidField("messageId", "must be given");
        }
        String url = body.url() == null ? "" : body.url().strip();
        if (url.isEmpty() || url.length() > 2000 || !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw ApiException.invalidField("url", "an http(s) URL of at most 2000 characters");
        }
        guard.consume("citation-click-visitor", w.id() + "|" + visitor.visitorId(), 300, "rate_limited",
                "Too many source clicks; please wait a moment");
        UUID tenant = tenantOf(w).id();
        TenantContext.runAs(tenantOf(w), () -> {
            if (!widgets.ownsMessage(w.id(), body.messageId(), visitor.visitorId())) {
                throw ApiException.notFound("Message");
            }
            bus.publish(new CitationClicked(tenant, Ids.newId(), w.id(), body.messageId(), url, Instant.now()));
        });
    }

    /** An answer sentence read aloud: audio plus word and viseme timings; only where voice (or the avatar) is on. */
    @PostMapping("/speech")
    SpokenText speech(@PathVariable String publicKey, @RequestBody SpeechBody body, HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        SpeechTurn turn = admitSpeech(publicKey, body, request, authorization, MAX_SPOKEN);
        return TenantContext.callAs(turn.tenant(), () -> {
            checkBudget(turn.widget(), turn.tenant());
            SpokenText spoken = asCharacter(turn.widget(), turn.text(), voice::speak);
            chargeSpeech(turn);
            return spoken;
        });
    }

    /**
     * A whole answer read aloud as it is synthesised ({@code Accept: application/x-ndjson}, the members' wire shape,
     * see {@link SpeechLines}): the first sentence's audio leaves before the last is synthesised. Every sentence counts
     * against the visitor's and the address's hourly speech like a request of its own, so streaming buys no more
     * speech than asking sentence by sentence; refusals are problem answers before anything is streamed.
     */
    @PostMapping(path = "/speech", produces = SpeechLines.MEDIA_TYPE)
    ResponseEntity<StreamingResponseBody> speechStream(@PathVariable String publicKey, @RequestBody SpeechBody body,
            HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        SpeechTurn turn = admitSpeech(publicKey, body, request, authorization, MAX_STREAMED);
        SentenceSpeech speech = TenantContext.callAs(turn.tenant(), () -> {
            checkBudget(turn.widget(), turn.tenant());
            SentenceSpeech bound = asCharacter(turn.widget(), turn.text(), voice::speakBySentence);
            for (int i = 1; i < bound.sentences().size(); i++) {
                consumeSpeech(turn);
            }
            chargeSpeech(turn);
            return bound;
        });
        // as for members: the stream is bounded by its provider calls, not by the container's 30 s async default
        WebAsyncUtils.getAsyncManager(request).getAsyncWebRequest().setTimeout(speech.timeLimit().toMillis());
        StreamingResponseBody stream = out -> SpeechLines.write(speech, out, json);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, SpeechLines.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(stream);
    }

    /** A visitor's speech request after the token, the widget's voice switch, the length cap and one unit of rate. */
    private record SpeechTurn(Widget widget, TenantRef tenant, String visitorId, String address, String text,
            WidgetSettings.Speech speech) {
    }

    private SpeechTurn admitSpeech(String publicKey, SpeechBody body, HttpServletRequest request, String authorization,
            int maxLength) {
        Widget w = activeWidget(publicKey);
        VisitorTokens.Visitor visitor = tokens.verify(authorization, w, request.getHeader(HttpHeaders.ORIGIN));
        WidgetSettings.Speech speech = requireVoice(w);
        String text = body == null || body.text() == null ? "" : body.text().strip();
        if (text.isEmpty() || text.length() > maxLength) {
            throw ApiException.invalidField("text", "between 1 and " + maxLength + " characters");
        }
        SpeechTurn turn = new SpeechTurn(w, tenantOf(w), visitor.visitorId(), request.getRemoteAddr(), text, speech);
        consumeSpeech(turn);
        return turn;
    }

    private void consumeSpeech(SpeechTurn turn) {
        guard.consume("speech-visitor", turn.widget().id() + "|" + turn.visitorId(), turn.speech().perVisitorPerHour(),
                "rate_limited", "Too much speech; please wait a moment");
        guard.consume("speech-ip", turn.widget().id() + "|" + turn.address(), turn.speech().perVisitorPerHour() * 10,
                "rate_limited", "Too much speech from this address; please wait a moment");
    }

    /** Speech costs like text: ~4 characters per token against the widget's daily budget. */
    private void chargeSpeech(SpeechTurn turn) {
        widgets.addUsage(turn.widget().id(), LocalDate.now(budgetZone(turn.tenant())), Math.max(1, turn.text().length() / 4));
    }

    /** A spoken question: the recording in, the text out (the widget puts it into the input for correction). */
    @PostMapping(path = "/transcriptions", consumes = "multipart/form-data")
    Transcript transcription(@PathVariable String publicKey,
            @RequestPart(name = "file", required = false) MultipartFile file, HttpServletRequest request,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Widget w = activeWidget(publicKey);
        VisitorTokens.Visitor visitor = tokens.verify(authorization, w, request.getHeader(HttpHeaders.ORIGIN));
        requireVoice(w);
        if (file == null || file.isEmpty()) {
            throw ApiException.invalidField("file", "a recording is required");
        }
        guard.consume("transcription-visitor", w.id() + "|" + visitor.visitorId(), RECORDINGS_PER_VISITOR_PER_HOUR,
                "rate_limited", "Too many recordings; please wait a moment");
        guard.consume("transcription-ip", w.id() + "|" + request.getRemoteAddr(), RECORDINGS_PER_VISITOR_PER_HOUR * 10,
                "rate_limited", "Too many recordings from this address; please wait a moment");
        byte[] audio;
        try {
            audio = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TenantRef tenant = tenantOf(w);
        return TenantContext.callAs(tenant, () -> {
            checkBudget(w, tenant);
            return voice.transcribe(new AudioClip(audio, file.getContentType(), file.getOriginalFilename(),
                    w.settings().locale()));
        });
    }

    /** The avatar model, its texture size picked by the device (4096, 2048 or 1024); public like the config. */
    @GetMapping("/avatar.glb")
    ResponseEntity<byte[]> avatarModel(@PathVariable String publicKey,
            @RequestParam(defaultValue = "2048") int maxTexture) {
        Widget w = activeWidget(publicKey);
        WidgetSettings.Speech speech = requireAvatar(w);
        if (maxTexture < 256 || maxTexture > 8192) {
            throw ApiException.invalidField("maxTexture", "between 256 and 8192");
        }
        AvatarFile f = TenantContext.callAs(tenantOf(w), () -> avatars.file(avatarOf(w, speech), maxTexture)
                .or(() -> avatars.file(null, maxTexture)).orElseThrow(() -> ApiException.notFound("Avatar")));
        return avatarFile(f);
    }

    /** The avatar's portrait: the still picture for visitors who prefer reduced motion. */
    @GetMapping("/avatar.png")
    ResponseEntity<byte[]> avatarPortrait(@PathVariable String publicKey) {
        Widget w = activeWidget(publicKey);
        WidgetSettings.Speech speech = requireAvatar(w);
        AvatarFile f = TenantContext.callAs(tenantOf(w), () -> avatars.thumbnail(avatarOf(w, speech))
                .or(() -> avatars.thumbnail(null)).orElseThrow(() -> ApiException.notFound("Avatar")));
        return avatarFile(f);
    }

    /**
     * Whose face the widget shows: the avatar the widget itself names, else the answering character's (the bound
     * agent's character, else the tenant's default character), else the generated default (null). Runs in the
     * widget's tenant scope.
     */
    private UUID avatarOf(Widget w, WidgetSettings.Speech speech) {
        if (speech.avatarId() != null) {
            return speech.avatarId();
        }
        AssistantCharacter character = answeringCharacter(w);
        return character == null ? null : character.avatarId();
    }

    /** The bound agent's character, else the tenant's default character, else null. Runs in the widget's tenant scope. */
    private AssistantCharacter answeringCharacter(Widget w) {
        UUID agentId = w.settings().agentId();
        AssistantCharacter character = agentId == null ? null
                : agents.find(agentId).filter(AgentProfile::published).map(AgentProfile::character).orElse(null);
        return character != null ? character : characters.existing().orElse(null);
    }

    /**
     * In the answering character's voice, if it has one; a voice that no longer works there (its provider deleted,
     * a voice name the provider does not know) falls back to the tenant's default voice rather than leaving the
     * visitor without speech.
     */
    private <T> T asCharacter(Widget w, String text, Function<SpeechRequest, T> speak) {
        AssistantCharacter character = answeringCharacter(w);
        AssistantCharacter.SpeakingVoice v = character == null ? null : character.voice();
        if (v == null || v.provider() == null && v.voice() == null && v.rate() == null) {
            return speak.apply(new SpeechRequest(text));
        }
        Double rate = v.rate() == null ? null : Math.clamp(v.rate(), 0.5, 2.0);
        try {
            return speak.apply(new SpeechRequest(text, v.voice(), null, v.provider(), rate));
        } catch (ApiException e) {
            if (e.code().equals("voice_provider_not_found") || e.code().equals("voice_unknown")
                    || e.code().equals("validation_failed")) {
                return speak.apply(new SpeechRequest(text));
            }
            throw e;
        }
    }

    private static WidgetSettings.Speech requireVoice(Widget w) {
        WidgetSettings.Speech speech = w.settings().speechOrOff();
        if (!speech.voiceOn()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "voice_disabled", "Voice is not switched on for this assistant");
        }
        return speech;
    }

    private static WidgetSettings.Speech requireAvatar(Widget w) {
        WidgetSettings.Speech speech = w.settings().speechOrOff();
        if (!speech.avatarOn()) {
            throw ApiException.notFound("Avatar");
        }
        return speech;
    }

    private static ResponseEntity<byte[]> avatarFile(AvatarFile f) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, f.contentType()).eTag(f.etag())
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic()).body(f.bytes());
    }

    /** Answers, speech and transcriptions all draw on the widget's daily budget (a day in the tenant's zone). */
    private void checkBudget(Widget w, TenantRef tenant) {
        ZoneId zone = budgetZone(tenant);
        LocalDate today = LocalDate.now(zone);
        if (widgets.tokensOn(w.id(), today) >= w.settings().limits().dailyTokenBudget()) {
            long untilMidnight = Duration.between(ZonedDateTime.now(zone), today.plusDays(1).atStartOfDay(zone)).toSeconds();
            throw ApiException.tooManyRequests("daily_budget_exhausted",
                    "This assistant has answered enough for today; please try again tomorrow", Math.max(1, untilMidnight));
        }
    }

    private void finished(TenantRef tenant, Widget w, UUID conversationId, String visitorId, String question,
            Chat.AnswerSummary summary) {
        try {
            TenantContext.runAs(tenant, () -> {
                long tokensUsed = summary == null ? 0 : (long) summary.inputTokens() + summary.outputTokens();
                if (tokensUsed <= 0) {
                    // answers without a metered model (extractive) still cost: count ~4 characters per token
                    int answerLength = summary == null || summary.content() == null ? 0 : summary.content().length();
                    tokensUsed = Math.max(1, (question.length() + answerLength) / 4);
                }
                widgets.addUsage(w.id(), LocalDate.now(budgetZone(tenant)), tokensUsed);
                if (summary != null && summary.messageId() != null) {
                    widgets.recordMessage(w.id(), conversationId, summary.messageId(), visitorId);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not record widget usage for {}: {}", w.id(), e.toString());
        }
    }

    private Widget activeWidget(String publicKey) {
        if (publicKey == null || !Widget.PUBLIC_KEY.matcher(publicKey).matches()) {
            throw ApiException.notFound("Widget");
        }
        Widget w = widgets.findByPublicKey(publicKey).orElseThrow(() -> ApiException.notFound("Widget"));
        if (tenants.find(w.tenantId()).isEmpty()) {
            throw ApiException.notFound("Widget");
        }
        if (!w.active()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "widget_inactive",
                    "This assistant is currently not available (status " + w.status().wire() + ")");
        }
        return w;
    }

    /** Chat records who acted (audit, events): the visitor of this widget, never a user. */
    private static void asVisitor(Widget w, VisitorTokens.Visitor visitor) {
        Actor actor = new Actor(Actor.Kind.VISITOR, visitor.visitorId(), "widget:" + w.publicKey(), w.tenantId(), Set.of());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(actor, null, List.of()));
        SecurityContextHolder.setContext(context);
    }

    private static String requireOrigin(HttpServletRequest request) {
        String origin = WidgetValidator.normalizeOrigin(request.getHeader(HttpHeaders.ORIGIN));
        if (origin == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "origin_not_allowed",
                    "Visitor sessions are opened by the widget on an allowed web page (Origin header missing)");
        }
        return request.getHeader(HttpHeaders.ORIGIN);
    }

    /** Budget days follow the tenant's time zone (default Europe/Berlin). */
    private static ZoneId budgetZone(TenantRef tenant) {
        return tenant.timeZone() == null ? ZoneId.of("Europe/Berlin") : tenant.timeZone();
    }

    private TenantRef tenantOf(Widget w) {
        return tenants.ref(w.tenantId()).orElseThrow(() -> ApiException.notFound("Widget"));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
