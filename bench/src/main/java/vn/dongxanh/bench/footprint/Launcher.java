package vn.dongxanh.bench.footprint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the two JVMs the footprint compares, with the same flags: the packaged edge agent and
 * the idle baseline. Each start gets its own log file.
 */
record Launcher(List<String> jvmFlags, Path agentJar, Path benchJar, Path agentConfig, Path logDir) {
    static final Duration IDLE_PATIENCE = Duration.ofSeconds(30);
    static final Duration AGENT_PATIENCE = Duration.ofSeconds(60);

    ChildJvm idle(int attempt) throws Exception {
        return ChildJvm.start(
                "idle-jvm",
                with(List.of("-cp", benchJar.toString(), IdleJvm.class.getName())),
                logDir.resolve("idle-jvm-" + attempt + ".log"),
                IdleJvm.READY);
    }

    /** The agent logs "edge agent … running" once its pipeline is assembled. */
    ChildJvm agent(int attempt) throws Exception {
        return ChildJvm.start(
                "edge-agent",
                with(List.of("-jar", agentJar.toString(), "--config", agentConfig.toString())),
                logDir.resolve("edge-agent-" + attempt + ".log"),
                "running");
    }

    private List<String> with(List<String> args) {
        var out = new ArrayList<String>(jvmFlags);
        out.addAll(args);
        return out;
    }
}
