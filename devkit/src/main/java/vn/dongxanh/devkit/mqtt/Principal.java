package vn.dongxanh.devkit.mqtt;

import java.util.List;

/**
 * One identity on the broker: its user name, its password hash (Mosquitto's {@code $7$} PBKDF2
 * format, never the password) and the topic filters it may publish to and subscribe to. Nothing
 * else is allowed: a principal with no rules can connect and do nothing.
 */
public record Principal(String username, String passwordHash, List<String> publish, List<String> subscribe) {
    public Principal {
        if (username == null || username.isEmpty() || !username.matches("[A-Za-z0-9._-]{1,128}")) {
            // ':' would break Mosquitto's password file, spaces its acl_file
            throw new IllegalArgumentException(
                    "user name '" + username + "' must be 1-128 characters A-Z a-z 0-9 . _ -");
        }
        if (passwordHash == null || !passwordHash.startsWith("$7$")) {
            throw new IllegalArgumentException(
                    "principal " + username + ": password must be a $7$ PBKDF2-SHA512 hash, not plain text");
        }
        publish = List.copyOf(publish).stream().map(TopicFilters::requireFilter).toList();
        subscribe =
                List.copyOf(subscribe).stream().map(TopicFilters::requireFilter).toList();
    }

    public boolean mayPublish(String topic) {
        return TopicFilters.anyMatches(publish, topic);
    }

    public boolean maySubscribe(String filter) {
        return TopicFilters.anyCovers(subscribe, filter);
    }
}
