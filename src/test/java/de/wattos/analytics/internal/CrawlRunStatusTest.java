package de.wattos.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CrawlRunStatusTest {

    @Test
    void keepsTheCrawlModulesValuesInTheDatabaseAndInJson() {
        assertThat(CrawlRunStatus.of("succeeded")).isEqualTo(CrawlRunStatus.SUCCEEDED);
        assertThat(CrawlRunStatus.of("FAILED")).isEqualTo(CrawlRunStatus.FAILED);
        assertThat(CrawlRunStatus.of("cancelled").wire()).isEqualTo("cancelled");
        assertThat(JsonMapper.builder().build().writeValueAsString(CrawlRunStatus.FAILED)).isEqualTo("\"failed\"");
    }

    @Test
    void refusesWhatIsNoCrawlRunStatus() {
        assertThatThrownBy(() -> CrawlRunStatus.of("running")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CrawlRunStatus.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
