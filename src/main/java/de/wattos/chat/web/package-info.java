/**
 * Web adapters of the chat API that other web-facing modules (the widget) share: an {@link
 * de.wattos.chat.AnswerStream} as Server-Sent Events. The module API itself stays free of web types.
 */
@org.springframework.modulith.NamedInterface("web")
package de.wattos.chat.web;
