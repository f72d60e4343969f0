package de.wattos.platform.internal.events;

import de.wattos.platform.events.DeliverLater;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.aop.interceptor.SimpleAsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/**
 * How a failing asynchronous event listener is logged: a {@link DeliverLater} is an expected retry (the publication
 * stays incomplete and is delivered again) and logged at INFO with the listener's name; anything else remains an
 * ERROR with its stack trace, as before.
 */
@Configuration(proxyBeanMethods = false)
class ListenerFailureLogging implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ListenerFailureLogging.class);
    private static final AsyncUncaughtExceptionHandler UNEXPECTED = new SimpleAsyncUncaughtExceptionHandler();

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return ListenerFailureLogging::handle;
    }

    static void handle(Throwable failure, Method method, Object... params) {
        if (failure instanceof DeliverLater later) {
            log.info("Event for {}.{} will be delivered again: {}", method.getDeclaringClass().getSimpleName(),
                    method.getName(), later.getMessage());
            return;
        }
        UNEXPECTED.handleUncaughtException(failure, method, params);
    }
}
