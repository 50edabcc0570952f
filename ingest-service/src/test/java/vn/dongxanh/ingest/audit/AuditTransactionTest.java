package vn.dongxanh.ingest.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.GatewayRequestCodec;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;

/**
 * A write and its audit row are one transaction: both are stored, or neither. The audit insert is
 * made to fail with a trigger on {@code audit_log} that refuses one operation's rows, on the real
 * database; the write must then be absent, the caller told why, and a valve command never sent.
 */
class AuditTransactionTest extends IngestTestSupport {
    private static final String GATEWAY = "gw-audit";
    private static final String VALVE =
            "v-audit-" + UUID.randomUUID().toString().substring(0, 6);
    private static boolean registered;

    private MqttClient gateway;
    private final List<GatewayRequest> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void registerAndListen() throws MqttException {
        if (!registered) {
            assertThat(department()
                            .post("/api/cooperatives", "{\"id\":\"" + coop + "\",\"name\":\"HTX\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(manager(coop)
                            .post(
                                    "/api/devices",
                                    "{\"id\":\"" + VALVE + "\",\"cooperative\":\"" + coop + "\",\"kind\":\"valve\"}")
                            .status())
                    .isEqualTo(201);
            registered = true;
        }
        gateway = new MqttClient(LocalServices.mqttUrl(), "gw-audit-" + UUID.randomUUID(), new MemoryPersistence());
        gateway.setCallback(new MqttCallback() {
            public void messageArrived(String topic, MqttMessage m) {
                received.add(GatewayRequestCodec.decode(m.getPayload()));
            }

            public void disconnected(MqttDisconnectResponse r) {}

            public void mqttErrorOccurred(MqttException e) {}

            public void deliveryComplete(IMqttToken t) {}

            public void connectComplete(boolean reconnect, String uri) {}

            public void authPacketArrived(int c, MqttProperties p) {}
        });
        gateway.connect();
        gateway.subscribe(new Topic.GatewayCommand(coop, GATEWAY).path(), 1);
    }

    @AfterEach
    void closeGateway() throws MqttException {
        jdbc.execute("DROP TRIGGER IF EXISTS audit_log_refuse_one ON audit_log");
        gateway.disconnectForcibly(0, 500);
        gateway.close();
    }

    /** From now on the database refuses the audit rows of {@code operation} (e.g. a role lost INSERT). */
    private void refuseAuditRowsOf(String operation) {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'test: audit_log refuses % rows', NEW.operation;
                END
                $$""");
        jdbc.execute(
                "CREATE TRIGGER audit_log_refuse_one BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.operation = '"
                        + operation + "') EXECUTE FUNCTION audit_log_refuse()");
    }

    private long rows(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private String command(String action) {
        return "{\"cooperative\":\"" + coop + "\",\"gateway\":\"" + GATEWAY + "\",\"device\":\"" + VALVE
                + "\",\"action\":\"" + action + "\"" + ("OPEN".equals(action) ? ",\"runSeconds\":60" : "") + "}";
    }

    @Test
    void aWriteAndItsAuditRowAreStoredTogether() {
        String plot = "pa-" + coop;
        TestHttp.Reply created = manager(coop)
                .post(
                        "/api/plots",
                        "{\"id\":\"" + plot + "\",\"cooperative\":\"" + coop + "\",\"name\":\"A\",\"areaHa\":1}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(rows("SELECT count(*) FROM plot WHERE id = ?", plot)).isEqualTo(1);
        assertThat(rows(
                        "SELECT count(*) FROM audit_log WHERE operation = 'POST /api/plots' AND resource = ?"
                                + " AND outcome = 'SUCCEEDED' AND status = 201",
                        "/api/plots/" + plot))
                .isEqualTo(1);
        // the write's row and the audit row came from one transaction
        assertThat(jdbc.queryForObject(
                        "SELECT (SELECT xmin::text FROM plot WHERE id = ?) = (SELECT xmin::text FROM audit_log"
                                + " WHERE resource = ? AND outcome = 'SUCCEEDED')",
                        Boolean.class,
                        plot,
                        "/api/plots/" + plot))
                .isTrue();
    }

    @Test
    void whenTheAuditRowCannotBeWrittenTheWriteIsNotStored() {
        String plot = "pb-" + coop;
        refuseAuditRowsOf("POST /api/plots");
        TestHttp.Reply refused = manager(coop)
                .post(
                        "/api/plots",
                        "{\"id\":\"" + plot + "\",\"cooperative\":\"" + coop + "\",\"name\":\"B\",\"areaHa\":1}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(500);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").stringValue())
                .contains("the write was not made")
                .contains("audit row")
                .contains("test: audit_log refuses POST /api/plots rows");
        assertThat(refused.headers().getLocation()).isNull();
        assertThat(rows("SELECT count(*) FROM plot WHERE id = ?", plot)).isZero();
        assertThat(rows(
                        "SELECT count(*) FROM audit_log WHERE resource = ? AND outcome = 'SUCCEEDED'",
                        "/api/plots/" + plot))
                .isZero();

        // with the audit log back, the same write goes through, so the refusal was the audit's
        jdbc.execute("DROP TRIGGER audit_log_refuse_one ON audit_log");
        assertThat(manager(coop)
                        .post(
                                "/api/plots",
                                "{\"id\":\"" + plot + "\",\"cooperative\":\"" + coop
                                        + "\",\"name\":\"B\",\"areaHa\":1}")
                        .status())
                .isEqualTo(201);
        assertThat(rows("SELECT count(*) FROM plot WHERE id = ?", plot)).isEqualTo(1);
    }

    @Test
    void aValveCommandWithoutItsAuditRowIsNeitherStoredNorSent() {
        TestHttp operator = as(PlatformRole.COOP_OPERATOR, coop);
        refuseAuditRowsOf("POST /api/commands");
        long before = rows("SELECT count(*) FROM valve_command WHERE device_id = ?", VALVE);
        TestHttp.Reply refused = operator.post("/api/commands", command("OPEN"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(500);
        assertThat(refused.json().get("detail").stringValue()).contains("audit row");
        assertThat(rows("SELECT count(*) FROM valve_command WHERE device_id = ?", VALVE))
                .isEqualTo(before);

        // the next command, audited, is stored, reaches the gateway and is marked SENT; the refused
        // OPEN, which would have come first on the same topic, never arrives
        jdbc.execute("DROP TRIGGER audit_log_refuse_one ON audit_log");
        TestHttp.Reply sent = operator.post("/api/commands", command("CLOSE"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String id = sent.json().get("id").stringValue();
        await("the audited command at the gateway")
                .atMost(WAIT)
                .until(() -> received.stream().anyMatch(r -> r.requestId().equals(id)));
        assertThat(received).extracting(GatewayRequest::requestId).containsExactly(id);
        await("marked SENT after the commit")
                .atMost(WAIT)
                .until(() -> !"PENDING"
                        .equals(operator.get("/api/commands/" + id)
                                .json()
                                .get("state")
                                .stringValue()));
        assertThat(rows(
                        "SELECT count(*) FROM audit_log WHERE operation = 'POST /api/commands' AND resource = ?"
                                + " AND outcome = 'SUCCEEDED'",
                        "/api/commands/" + id))
                .isEqualTo(1);
    }

    @Test
    void aRefusedWriteLeavesOnlyARowSayingItWasRefused() {
        TestHttp.Reply duplicate =
                department().post("/api/cooperatives", "{\"id\":\"" + coop + "\",\"name\":\"again\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(rows("SELECT count(*) FROM cooperative WHERE name = 'again'"))
                .isZero();
        assertThat(rows("SELECT count(*) FROM audit_log WHERE operation = 'POST /api/cooperatives' AND status = 409"
                        + " AND outcome = 'INVALID'"))
                .isEqualTo(1);
    }
}
