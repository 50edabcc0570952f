package vn.dongxanh.web.valve;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Valve control on a plot's page ({@code dx.web.valve.*}, CONFIGURATION.md section "web"; defaults
 * in application.yaml).
 *
 * @param defaultRunTime the run time the open form proposes
 * @param maxRunTime the longest run time the form accepts; ingest-service refuses more than its
 *     own {@code dx.ingest.commands.max-run-time} (4 h) and each gateway enforces a stricter limit
 * @param commandTtl how long a command may take to reach its device before it is void (ingest's
 *     {@code ttlSeconds}; at most ingest's {@code max-ttl})
 * @param pollEvery how often a command still waiting for its gateway is asked again
 * @param recentCommands how many of the plot's recent commands are listed
 * @param decisionsWindow how far back the gateway's own decisions are listed
 * @param maxOverride the longest override (open or closed) the form accepts; ingest refuses more
 *     than its {@code dx.ingest.plot-control.max-override} (24 h)
 * @param maxOpenOverride the longest an override may hold the valve open (ingest's
 *     {@code max-open-override}, 4 h; the gateway refuses more than the valve's maximum run time)
 * @param recentInstructions how many overrides and how many schedules are listed
 * @param instructionsRefresh how often the list of overrides and schedules is asked again while
 *     nothing waits for the gateway, so that "ends in …" stays true and ended ones turn grey
 */
@ConfigurationProperties("dx.web.valve")
public record ValveProperties(
        Duration defaultRunTime,
        Duration maxRunTime,
        Duration commandTtl,
        Duration pollEvery,
        int recentCommands,
        Duration decisionsWindow,
        Duration maxOverride,
        Duration maxOpenOverride,
        int recentInstructions,
        Duration instructionsRefresh) {}
