package vn.dongxanh.web.alarm;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The alarms page ({@code dx.web.alarms.*}, CONFIGURATION.md section "web").
 *
 * @param listLimit how many open alarms, and how many past ones, the page lists
 */
@ConfigurationProperties("dx.web.alarms")
public record AlarmProperties(int listLimit) {}
