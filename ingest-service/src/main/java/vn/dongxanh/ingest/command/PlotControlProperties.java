package vn.dongxanh.ingest.command;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Overrides and schedules of a plot's valve (CONFIGURATION.md, ingest-service, "Valve overrides and
 * schedules"). The gateway checks them again against its own limits (an open override or a run no
 * longer than the valve's maximum run time) and refuses what exceeds them.
 *
 * @param maxOverride the longest an override (open or closed) may hold the valve from now
 * @param maxOpenOverride the longest an override may hold the valve open from now
 * @param maxRunTime the longest run time of a schedule
 * @param horizon how far ahead a schedule may start
 * @param startWindow when a schedule gives no {@code expires}: it is void if the gateway could not
 *     start it within this long after its start (an override held the valve, the gateway was off)
 * @param pastStart a start at most this far in the past is accepted (clocks and slow forms); the
 *     gateway starts such a schedule at once
 */
@ConfigurationProperties("dx.ingest.plot-control")
public record PlotControlProperties(
        @DefaultValue("24h") Duration maxOverride,
        @DefaultValue("4h") Duration maxOpenOverride,
        @DefaultValue("4h") Duration maxRunTime,
        @DefaultValue("7d") Duration horizon,
        @DefaultValue("1h") Duration startWindow,
        @DefaultValue("1m") Duration pastStart) {}
