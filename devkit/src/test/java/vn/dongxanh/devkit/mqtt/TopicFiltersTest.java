package vn.dongxanh.devkit.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicFiltersTest {
    @Test
    void aRuleMatchesTopicsAsMqttDoes() {
        assertThat(TopicFilters.matches("dx/v1/dev/+/up", "dx/v1/dev/p01-wl/up"))
                .isTrue();
        assertThat(TopicFilters.matches("dx/v1/dev/+/up", "dx/v1/dev/p01-wl/state"))
                .isFalse();
        assertThat(TopicFilters.matches("dx/v1/coop/a/gw/g/#", "dx/v1/coop/a/gw/g"))
                .isTrue();
        assertThat(TopicFilters.matches("dx/v1/coop/a/gw/g/#", "dx/v1/coop/a/gw/g/cmd/ack"))
                .isTrue();
        assertThat(TopicFilters.matches("dx/v1/coop/a/gw/g/cmd", "dx/v1/coop/a/gw/g/cmd/ack"))
                .isFalse();
        assertThat(TopicFilters.matches("#", "$SYS/broker")).isFalse();
        assertThat(TopicFilters.matches("dx/v1/dev/a/up", "dx/v1/dev/+/up"))
                .as("not a topic name")
                .isFalse();
    }

    @Test
    void aSubscriptionMustStayInsideTheRule() {
        assertThat(TopicFilters.covers("dx/v1/dev/+/up", "dx/v1/dev/+/up")).isTrue();
        assertThat(TopicFilters.covers("dx/v1/dev/+/up", "dx/v1/dev/a/up")).isTrue();
        assertThat(TopicFilters.covers("dx/v1/dev/a/cmd", "dx/v1/dev/+/cmd")).isFalse();
        assertThat(TopicFilters.covers("dx/v1/dev/a/cmd", "dx/v1/dev/a/#")).isFalse();
        assertThat(TopicFilters.covers("dx/v1/dev/+/up", "dx/v1/dev/#")).isFalse();
        assertThat(TopicFilters.covers("dx/v1/#", "dx/v1/dev/+/up")).isTrue();
        assertThat(TopicFilters.covers(
                        "$share/ingest/dx/v1/coop/+/gw/+/telemetry", "$share/ingest/dx/v1/coop/+/gw/+/telemetry"))
                .isTrue();
        assertThat(TopicFilters.covers(
                        "$share/ingest/dx/v1/coop/+/gw/+/telemetry", "$share/other/dx/v1/coop/+/gw/+/telemetry"))
                .as("another share group")
                .isFalse();
        assertThat(TopicFilters.covers("$share/ingest/dx/v1/coop/+/gw/+/telemetry", "dx/v1/coop/+/gw/+/telemetry"))
                .as("unshared")
                .isFalse();
    }

    @Test
    void badFiltersAreRefused() {
        assertThatThrownBy(() -> TopicFilters.requireFilter("dx/#/up")).hasMessageContaining("last level");
        assertThatThrownBy(() -> TopicFilters.requireFilter("dx/a+/up")).hasMessageContaining("whole level");
        assertThatThrownBy(() -> TopicFilters.requireFilter("")).hasMessageContaining("empty");
    }
}
