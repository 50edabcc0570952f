package vn.dongxanh.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.GatewayRequestCodec;
import vn.dongxanh.contract.topic.Topic;

class CommandGateTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final List<GatewayRequest> applied = new ArrayList<>();
    private final List<GatewayAck> answers = new ArrayList<>();
    private final String own = new Topic.GatewayCommand("htx", "gw-1").path();
    private final CommandGate gate = new CommandGate(own, applied::add, answers::add, Clock.fixed(NOW, ZoneOffset.UTC));
    private final byte[] request = GatewayRequestCodec.encode(
            new GatewayRequest.Override("r-1", "p01", GatewayRequest.Override.State.OPEN, NOW.plusSeconds(600)));

    @Test
    void aRequestOnAnyOtherTopicIsNeverApplied() {
        gate.accept(new Topic.GatewayCommand("htx", "gw-2").path(), request);
        gate.accept(new Topic.GatewayCommand("other", "gw-1").path(), request);
        gate.accept(new Topic.DeviceCommand("p01-valve").path(), request);
        gate.accept(own + "/ack", request);
        assertThat(applied).isEmpty();
        assertThat(answers).isEmpty();

        gate.accept(own, request);
        assertThat(applied).extracting(GatewayRequest::requestId).containsExactly("r-1");
    }

    @Test
    void anUnreadableRequestIsRefusedNotApplied() {
        gate.accept(own, "{\"id\":\"r-2\",\"type\":\"valve\"}".getBytes());
        gate.accept(own, "not json".getBytes());
        assertThat(applied).isEmpty();
        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.requestId()).isEqualTo("r-2");
            assertThat(a.result()).isEqualTo(GatewayAck.Result.REFUSED);
        });
    }
}
