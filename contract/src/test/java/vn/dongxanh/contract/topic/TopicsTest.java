package vn.dongxanh.contract.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {
    /** Every kind of topic with the exact name it must have on the wire (DESIGN.md, "The wire contract"). */
    static Stream<Arguments> everyKind() {
        return Stream.of(
                Arguments.of(new Topic.DeviceTelemetry("p01-water"), "dx/v1/dev/p01-water/up"),
                Arguments.of(new Topic.DeviceState("p01-water"), "dx/v1/dev/p01-water/state"),
                Arguments.of(new Topic.DeviceCommand("p01-valve"), "dx/v1/dev/p01-valve/cmd"),
                Arguments.of(new Topic.DeviceCommandAck("p01-valve"), "dx/v1/dev/p01-valve/cmd/ack"),
                Arguments.of(
                        new Topic.GatewayTelemetry("htx-an-phu", "gw-01"), "dx/v1/coop/htx-an-phu/gw/gw-01/telemetry"),
                Arguments.of(new Topic.GatewayEvents("htx-an-phu", "gw-01"), "dx/v1/coop/htx-an-phu/gw/gw-01/events"),
                Arguments.of(new Topic.GatewayCommand("htx-an-phu", "gw-01"), "dx/v1/coop/htx-an-phu/gw/gw-01/cmd"),
                Arguments.of(
                        new Topic.GatewayCommandAck("htx-an-phu", "gw-01"), "dx/v1/coop/htx-an-phu/gw/gw-01/cmd/ack"),
                Arguments.of(new Topic.GatewayState("htx-an-phu", "gw_01"), "dx/v1/coop/htx-an-phu/gw/gw_01/state"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyKind")
    void buildsAndParsesBack(Topic topic, String path) {
        assertThat(topic.path()).isEqualTo(path);
        assertThat(Topics.parse(path)).isEqualTo(topic);
    }

    @Test
    void theRoundTripCoversEveryKindOfTopic() {
        List<Class<?>> covered =
                everyKind().<Class<?>>map(a -> a.get()[0].getClass()).toList();

        assertThat(covered).containsExactlyInAnyOrder(Topic.class.getPermittedSubclasses());
    }

    @Test
    void filtersMatchTheirTopicsAndNothingElse() {
        String water = new Topic.DeviceTelemetry("p01-water").path();
        String state = new Topic.DeviceState("p01-water").path();
        String ack = new Topic.DeviceCommandAck("p01-valve").path();
        String cmd = new Topic.DeviceCommand("p01-valve").path();
        String uplink = new Topic.GatewayTelemetry("htx-an-phu", "gw-01").path();
        String events = new Topic.GatewayEvents("htx-an-phu", "gw-01").path();
        List<String> all = List.of(water, state, ack, cmd, uplink, events);

        assertThat(all.stream().filter(t -> matches(Topics.ALL_DEVICE_TELEMETRY, t)))
                .containsExactly(water);
        assertThat(all.stream().filter(t -> matches(Topics.ALL_DEVICE_STATES, t)))
                .containsExactly(state);
        assertThat(all.stream().filter(t -> matches(Topics.ALL_DEVICE_ACKS, t))).containsExactly(ack);
        assertThat(all.stream().filter(t -> matches(Topics.ALL_GATEWAY_TELEMETRY, t)))
                .containsExactly(uplink);
    }

    @Test
    void sharedWrapsAFilterForAGroup() {
        assertThat(Topics.shared("ingest", Topics.ALL_GATEWAY_TELEMETRY))
                .isEqualTo("$share/ingest/dx/v1/coop/+/gw/+/telemetry");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a/b", "+", "#", "in+gest"})
    void sharedRefusesAGroupThatIsNotOneTopicLevel(String group) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Topics.shared(group, Topics.ALL_DEVICE_TELEMETRY))
                .withMessageContaining("share group '" + group + "'")
                .withMessageContaining("must be a non-empty topic level");
    }

    static Stream<Arguments> refusedNames() {
        return Stream.of(
                Arguments.of("", "topic is empty"),
                Arguments.of(null, "topic is empty"),
                Arguments.of("dx/v1/dev/+/up", "contains a wildcard"),
                Arguments.of("dx/v1/coop/htx/gw/+/telemetry", "contains a wildcard"),
                Arguments.of("dx/v1/#", "contains a wildcard"),
                Arguments.of("dx/v1/dev/p01-water/#", "contains a wildcard"),
                Arguments.of(
                        "$share/ingest/dx/v1/dev/p01-water/up", "is a shared-subscription filter, not a topic name"),
                Arguments.of("$share/ingest/dx/v1/dev/+/up", "is a shared-subscription filter"),
                Arguments.of("dx/v2/dev/p01-water/up", "is not a platform topic (prefix dx/v1/)"),
                Arguments.of("farm/p01/telemetry", "is not a platform topic"),
                Arguments.of("$SYS/broker/uptime", "is not a platform topic"),
                Arguments.of("/dx/v1/dev/p01-water/up", "is not a platform topic"),
                Arguments.of("dx/v1/dev/p01-water/down", "is not a known platform topic"),
                Arguments.of("dx/v1/dev/p01-water", "is not a known platform topic"),
                Arguments.of("dx/v1/dev/p01-water/up/", "is not a known platform topic"),
                Arguments.of("dx/v1/dev/p01-water/cmd/nack", "is not a known platform topic"),
                Arguments.of("dx/v1/coop/htx/gw/gw-01/metrics", "is not a known platform topic"),
                Arguments.of("dx/v1/coop/htx/gateway/gw-01/telemetry", "is not a known platform topic"),
                Arguments.of("dx/v1/coop/htx/gw/gw-01", "is not a known platform topic"),
                Arguments.of("dx/v1/plot/p01/up", "is not a known platform topic"),
                // an id holding a '/' spreads over two levels, so the shape no longer fits
                Arguments.of("dx/v1/dev/p01/water/up", "is not a known platform topic"),
                Arguments.of("dx/v1/dev/P01-Water/up", "device id 'P01-Water' is invalid"),
                Arguments.of("dx/v1/dev//up", "device id is missing"),
                Arguments.of("dx/v1/dev/p01 water/state", "device id 'p01 water' is invalid"),
                Arguments.of("dx/v1/coop/HTX/gw/gw-01/telemetry", "cooperative id 'HTX' is invalid"),
                Arguments.of("dx/v1/coop//gw/gw-01/events", "cooperative id is missing"),
                Arguments.of("dx/v1/coop/htx/gw//cmd", "gateway id is missing"),
                Arguments.of("dx/v1/coop/htx/gw/GW-01/cmd/ack", "gateway id 'GW-01' is invalid"),
                Arguments.of("dx/v1/dev/-p01/up", "device id '-p01' is invalid"));
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("refusedNames")
    void parseRefusesWithAMessageNamingTheProblem(String topic, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Topics.parse(topic))
                .withMessageContaining(message);
    }

    @Test
    void idsAreValidatedWhenTopicsAreBuilt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Topic.DeviceTelemetry("p01/water"))
                .withMessageContaining("device id 'p01/water' is invalid");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Topic.DeviceCommand("+"))
                .withMessageContaining("device id '+' is invalid");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Topic.GatewayTelemetry("htx", "#"))
                .withMessageContaining("gateway id '#' is invalid");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Topic.GatewayEvents("", "gw-01"))
                .withMessageContaining("cooperative id is missing");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Topic.DeviceState("x".repeat(64)))
                .withMessageContaining("1-63 characters");
        assertThat(new Topic.DeviceState("x".repeat(63)).path()).hasSize("dx/v1/dev//state".length() + 63);
    }

    /** MQTT topic filter matching ('+' one level, '#' the rest), for checking the filters above. */
    private static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) return true;
            if (i >= t.length) return false;
            if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
        }
        return f.length == t.length;
    }
}
