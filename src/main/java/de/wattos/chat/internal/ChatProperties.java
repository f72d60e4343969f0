package de.wattos.chat.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
public record ChatProperties(Integer maxMessageLength, Integer topK, Double minScore, Double minTermCoverage,
        Integer historyTokenBudget, Integer contextTokenBudget, Integer historyMessages, Integer answerMaxTokens,
        Double temperature, Duration pingInterval, Duration streamTimeout, String defaultContact,
        Boolean condenseWithModel) {

    public ChatProperties {
        maxMessageLength = maxMessageLength == null ? 4000 : maxMessageLength;
        topK = topK == null ? 6 : topK;
        minScore = minScore == null ? 0.0 : minScore;
        minTermCoverage = minTermCoverage == null ? 0.6 : minTermCoverage;
        historyTokenBudget = historyTokenBudget == null ? 1200 : historyTokenBudget;
        contextTokenBudget = contextTokenBudget == null ? 3000 : contextTokenBudget;
        historyMessages = historyMessages == null ? 20 : historyMessages;
        temperature = temperature == null ? 0.2 : temperature;
        pingInterval = pingInterval == null ? Duration.ofSeconds(10) : pingInterval;
        streamTimeout = streamTimeout == null ? Duration.ofMinutes(5) : streamTimeout;
        defaultContact = defaultContact == null || defaultContact.isBlank() ? "Ihre Verwaltung" : defaultContact;
        condenseWithModel = condenseWithModel == null ? Boolean.TRUE : condenseWithModel;
    }

    public static ChatProperties defaults() {
        return new ChatProperties(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
