package de.wattos.chat.internal.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The chat WebSocket at {@code /api/v1/tenants/{tenant}/conversations/{id}/ws}. The handshake is an ordinary GET
 * under the tenant path, so the central tenant filter authenticates it and binds the tenant; origins are not
 * restricted because the handshake carries a bearer token, not a cookie.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatWebSocketConfiguration implements WebSocketConfigurer {

    static final String PATH = "/api/v1/tenants/{tenant}/conversations/{id}/ws";

    private final ChatWebSocketHandler handler;

    ChatWebSocketConfiguration(ChatWebSocketHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH).addInterceptors(handler.handshake()).setAllowedOriginPatterns("*");
    }
}
