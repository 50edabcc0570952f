package vn.dongxanh.ingest.dashboard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.dashboard.AlarmChange;
import vn.dongxanh.contract.dashboard.AlarmKind;
import vn.dongxanh.contract.dashboard.AlarmState;
import vn.dongxanh.contract.dashboard.CommandChange;
import vn.dongxanh.contract.dashboard.CommandStatus;
import vn.dongxanh.contract.dashboard.DashboardEvent;

/**
 * LISTENs on PostgreSQL's {@code dx_dashboard} channel, where the database's triggers tell every
 * committed change to readings, decisions, gateways, alarms and commands (V10 migration), and turns
 * the notices into stream events for the cooperatives that have a stream open on this instance.
 * Every instance listens, so a change written by any instance reaches streams on all of them.
 *
 * <p>One thread, on a connection of its own (outside the pool, which it would hold forever). The
 * notices that arrived together are read together: ten readings of one plot make one plot event.
 */
@Component
class ChangeListener implements SmartLifecycle {
    static final String CHANNEL = "dx_dashboard";
    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 500;

    private final DataSourceProperties datasource;
    private final JdbcTemplate jdbc;
    private final PlotStates states;
    private final StreamHub hub;
    private final DashboardProperties props;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    ChangeListener(
            DataSourceProperties datasource,
            JdbcTemplate jdbc,
            PlotStates states,
            StreamHub hub,
            DashboardProperties props) {
        this.datasource = datasource;
        this.jdbc = jdbc;
        this.states = states;
        this.hub = hub;
        this.props = props;
    }

    /** True once LISTEN has been issued (and not lost since). */
    boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("dashboard-listener").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try (Connection con = DriverManager.getConnection(
                    datasource.determineUrl(), datasource.determineUsername(), datasource.determinePassword())) {
                try (Statement st = con.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                PGConnection pg = con.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = pg.getNotifications(POLL_MILLIS);
                    if (notices != null && notices.length > 0) handle(notices);
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) return;
                // changes in between are missed: the streams' snapshot on reconnect covers them
                log.warn(
                        "dashboard change listener lost PostgreSQL ({}); retrying in {}",
                        e.getMessage(),
                        props.listenRetry());
                try {
                    Thread.sleep(props.listenRetry());
                } catch (InterruptedException ie) {
                    return;
                }
            } finally {
                listening = false;
            }
        }
    }

    private void handle(PGNotification[] notices) {
        var plots = new LinkedHashMap<String, Set<String>>(); // cooperative → plot ids, null = all
        var gateways = new LinkedHashMap<String, Set<String>>();
        var events = new LinkedHashMap<String, List<DashboardEvent>>();
        var commands = new ArrayList<Object[]>(); // cooperative, JSON
        for (PGNotification n : notices) {
            String[] parts = n.getParameter().split(" ", 3);
            if (parts.length < 3 || !hub.watched(parts[0])) continue;
            String coop = parts[0];
            switch (parts[1]) {
                case "plot" -> ids(plots, coop, parts[2]);
                case "gateway" -> ids(gateways, coop, parts[2]);
                case "alarm" -> {
                    AlarmChange a = alarm(parts[2]);
                    if (a != null)
                        events.computeIfAbsent(coop, c -> new ArrayList<>()).add(a);
                }
                case "command" -> commands.add(new Object[] {coop, parts[2]});
                default -> {}
            }
        }
        try {
            Instant now = states.now();
            plots.forEach((coop, ids) -> hub.publish(coop, states.plots(coop, ids, now)));
            gateways.forEach((coop, ids) -> hub.publish(coop, states.gateways(coop, ids)));
            events.forEach(hub::publish);
            publishCommands(commands);
        } catch (RuntimeException e) {
            log.warn(
                    "dashboard changes could not be read ({}); streams miss them until their next reconnect",
                    e.getMessage());
        }
    }

    private static void ids(Map<String, Set<String>> into, String coop, String list) {
        if (list.equals("*")) {
            into.put(coop, null);
            return;
        }
        if (into.containsKey(coop) && into.get(coop) == null) return; // already all
        Set<String> ids = into.computeIfAbsent(coop, c -> new LinkedHashSet<>());
        for (String id : list.split(",")) if (!id.isEmpty()) ids.add(id);
    }

    private static AlarmChange alarm(String json) {
        try {
            JsonNode o = Json.MAPPER.readTree(json);
            return new AlarmChange(
                    o.get("id").asLong(),
                    text(o, "plot"),
                    text(o, "subject"),
                    AlarmKind.valueOf(o.get("kind").asString()),
                    AlarmState.valueOf(o.get("state").asString()),
                    instant(o, "raisedAt"),
                    instant(o, "acknowledgedAt"),
                    text(o, "acknowledgedBy"),
                    instant(o, "clearedAt"),
                    text(o, "message"));
        } catch (RuntimeException e) {
            log.warn("unreadable alarm notice {}: {}", json, e.getMessage());
            return null;
        }
    }

    /** Commands name a device; its plot is looked up once for all the notices read together. */
    private void publishCommands(List<Object[]> commands) {
        if (commands.isEmpty()) return;
        var nodes = new ArrayList<JsonNode>();
        Set<String> devices = new HashSet<>();
        for (Object[] c : commands) {
            JsonNode o = Json.MAPPER.readTree((String) c[1]);
            nodes.add(o);
            devices.add(o.get("device").asString());
        }
        Map<String, String> plotOf = new HashMap<>();
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("SELECT id, plot_id FROM device WHERE id = ANY(?)");
                    ps.setArray(1, con.createArrayOf("text", devices.toArray()));
                    return ps;
                },
                rs -> {
                    plotOf.put(rs.getString(1), rs.getString(2));
                });
        for (int i = 0; i < commands.size(); i++) {
            JsonNode o = nodes.get(i);
            String device = o.get("device").asString();
            hub.publish(
                    (String) commands.get(i)[0],
                    List.of(new CommandChange(
                            o.get("id").asString(),
                            plotOf.get(device),
                            device,
                            o.get("action").asString(),
                            CommandStatus.valueOf(o.get("state").asString()),
                            text(o, "reason"),
                            instant(o, "at"))));
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asString();
    }

    /** PostgreSQL writes timestamptz in JSON as ISO-8601 with an offset. */
    private static Instant instant(JsonNode o, String field) {
        String t = text(o, field);
        return t == null ? null : OffsetDateTime.parse(t).toInstant();
    }
}
