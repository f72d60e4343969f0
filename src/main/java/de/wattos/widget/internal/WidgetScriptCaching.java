package de.wattos.widget.internal;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code /widget.js} is loaded on every page of every embedding site: let browsers and proxies keep it for five
 * minutes (then revalidate with Last-Modified), so updates still arrive quickly.
 */
@Configuration(proxyBeanMethods = false)
class WidgetScriptCaching implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/widget.js").addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic());
        registry.addResourceHandler("/widget-voice.js", "/widget-avatar.js").addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic());
    }

    /** widget.js imports its voice module from the embedding page: a cross-origin module import needs CORS. */
    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/widget-voice.js").allowedOriginPatterns("*").allowedMethods("GET");
    }
}
