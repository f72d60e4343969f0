package de.wattos.analytics.internal;

import de.wattos.chat.ConversationRecords;
import de.wattos.chat.ConversationRecords.Transcript;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the conversation log as CSV (one row per message) or JSON (one object per conversation) in batches
 * (keyset paging over analytics' rows, transcripts from chat per batch), so memory stays constant at any size.
 */
@Service
public class ConversationExport {

    public enum Format { CSV, JSON }

    static final int BATCH = 200;

    private final ConversationLog log;
    private final ConversationRecords chat;
    private final JsonMapper json;
    private final MessageSource messages;

    ConversationExport(ConversationLog log, ConversationRecords chat, JsonMapper json, MessageSource messages) {
        this.log = log;
        this.chat = chat;
        this.json = json;
        this.messages = messages;
    }

    /** Writes the export; answers the number of conversations written. */
    public long write(LogFilter filter, Format format, boolean unmasked, Locale locale, OutputStream out)
            throws IOException {
        UnaryOperator<String> mask = unmasked ? UnaryOperator.identity() : PiiMask::mask;
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (format == Format.CSV) {
            w.write('\uFEFF'); // spreadsheet programs read UTF-8 only with the byte order mark
            w.write(row(List.of("conversation_id", "started_at", "channel", "widget_id", "agent_id", "message_id",
                    "role", "at", "content", "no_answer", "sources", "feedback").stream()
                    .map(k -> messages.getMessage("analytics.export.column." + k, null, k, locale)).toList()));
        } else {
            w.write('[');
        }
        long written = 0;
        Instant afterStart = null;
        UUID afterId = null;
        while (true) {
            List<ConversationLog.Summary> batch = log.after(filter, afterStart, afterId, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            Map<UUID, Transcript> transcripts = new LinkedHashMap<>();
            chat.transcripts(batch.stream().map(ConversationLog.Summary::conversationId).toList())
                    .forEach(t -> transcripts.put(t.conversationId(), t));
            for (ConversationLog.Summary s : batch) {
                Transcript t = transcripts.get(s.conversationId());
                if (format == Format.CSV) {
                    writeCsv(w, s, t, mask, locale);
                } else {
                    w.write(written == 0 ? "\n" : ",\n");
                    w.write(json.writeValueAsString(TranscriptView.of(s, t, mask)));
                }
                written++;
            }
            w.flush();
            ConversationLog.Summary last = batch.getLast();
            afterStart = last.startedAt();
            afterId = last.conversationId();
        }
        if (format == Format.JSON) {
            w.write("\n]\n");
        }
        w.flush();
        return written;
    }

    private void writeCsv(Writer w, ConversationLog.Summary s, Transcript t, UnaryOperator<String> mask, Locale locale)
            throws IOException {
        if (t == null) {
            return; // chat no longer has it (erased while the export ran)
        }
        for (ConversationRecords.Entry m : t.messages()) {
            String sources = m.sources().stream().map(ConversationRecords.Source::url)
                    .filter(u -> u != null).collect(Collectors.joining(" "));
            String feedback = m.feedback().stream().map(ConversationRecords.Feedback::rating)
                    .collect(Collectors.joining(" "));
            w.write(row(List.of(s.conversationId().toString(), s.startedAt().toString(), s.channel(),
                    str(s.widgetId()), str(s.agentId()), m.messageId().toString(),
                    messages.getMessage("analytics.role." + m.role(), null, m.role(), locale), m.at().toString(),
                    mask.apply(m.content()), Boolean.toString(m.noAnswer()), sources, feedback)));
        }
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    static String row(List<String> cells) {
        return cells.stream().map(ConversationExport::cell).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        // a leading =, +, - or @ would run as a formula in spreadsheet programs
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
