/**
 * Conversations, grounded answering, streaming, feedback.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Chat")
package de.wattos.chat;
