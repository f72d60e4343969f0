package de.wattos.widget.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing Chromium or axe-core fails a CI run; only outside CI does it skip (with the reason). */
class BrowserSupportTest {

    @AfterEach
    void clear() {
        System.clearProperty("wattos.browser-tests");
    }

    @Test
    void aMissingToolFailsWhenBrowserTestsAreRequired() {
        System.setProperty("wattos.browser-tests", "required");
        assertThatThrownBy(() -> BrowserSupport.requireTool(false, "axe-core not found"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("axe-core not found")
                .hasMessageContaining("must run in CI");
        assertThatCode(() -> BrowserSupport.requireTool(true, "present")).doesNotThrowAnyException();
    }

    @Test
    void aMissingToolSkipsOnlyOutsideCi() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        assertThatThrownBy(() -> BrowserSupport.requireTool(false, "chromedriver missing"))
                .isInstanceOf(ci ? IllegalStateException.class : TestAbortedException.class)
                .hasMessageContaining("chromedriver missing");
    }
}
