package de.wattos.chat.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chat settings ({@code wattos.chat.*}, env {@code WATTOS_CHAT_*}).
 *
 * @param maxMessageLength      longest accepted user message in characters
 * @param topK                  passages retrieved per question
 * @param minScore              a hit must score at least this (the retrieval score as {@code KnowledgeSearch} reports it)
 * @param minTermCoverage       share (0..1) of the question's content words that must occur in the retrieved passages;
 *                              below it the assistant says it has no answer instead of asking the model
 * @param historyTokenBudget    approximate tokens (chars/4) of earlier turns put into the prompt
 * @param contextTokenBudget    approximate tokens of numbered sources put into the prompt
 * @param historyMessages       at most this many earlier messages are considered at all
 * @param answerMaxTokens       maxTokens asked of the model (null: the provider default)
 * @param temperature           model temperature for answers
 * @param pingInterval          keep-alive comment interval on open streams (must stay at or below 10 s)
 * @param streamTimeout         an answer stream is closed after this long
 * @param defaultContact        where the no-answer text points when the tenant has no {@code contact} setting
 * @param condenseWithModel     rewrite follow-up questions with the model (purpose {@code condense}); otherwise
 *                              (and whenever the extractive answerer is active) a heuristic is used
 */
@ConfigurationProperties("wattos.chat")
public record ChatProperties(
        @DefaultValue("4000") int maxMessageLength,
        @DefaultValue("6") int topK,
        @DefaultValue("0.0") double minScore,
        @DefaultValue("0.6") double minTermCoverage,
        @DefaultValue("1200") int historyTokenBudget,
        @DefaultValue("3000") int contextTokenBudget,
        @DefaultValue("20") int historyMessages,
        Integer answerMaxTokens,
        @DefaultValue("0.2") double temperature,
        @DefaultValue("10s") Duration pingInterval,
        @DefaultValue("5m") Duration streamTimeout,
        @DefaultValue(ChatProperties.DEFAULT_CONTACT) String defaultContact,
        @DefaultValue("true") boolean condenseWithModel) {

    static final String DEFAULT_CONTACT = "Ihre Verwaltung";

    public ChatProperties {
        // an empty WATTOS_CHAT_DEFAULT_CONTACT must not leave the no-answer text pointing nowhere
        defaultContact = defaultContact == null || defaultContact.isBlank() ? DEFAULT_CONTACT : defaultContact;
    }

    /** The settings with nothing configured (what the annotations above say). */
    public static ChatProperties defaults() {
        return new Binder().bindOrCreate("wattos.chat", ChatProperties.class);
    }
}
