/**
 * The platform's one German (and English) text kit: folding, stop words, stemming, compound matching, language
 * detection, personal-data detection, question focus and the relevance measure that retrieval gating, extractive
 * answering and follow-up condensing share.
 */
@org.springframework.modulith.NamedInterface("text")
package de.wattos.platform.text;
