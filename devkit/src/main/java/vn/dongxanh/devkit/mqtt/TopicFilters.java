package vn.dongxanh.devkit.mqtt;

import java.util.List;

/**
 * MQTT topic filter arithmetic for access rules. A rule is a topic filter; a publish is allowed
 * when a rule matches its topic name, a subscription when a rule <em>covers</em> its filter (every
 * topic the requested filter could match is matched by the rule), so a wildcard subscription
 * cannot reach beyond what the rule grants. {@code $share/{group}/} is compared level by level like
 * any other, so a rule names the share group a principal may join.
 */
public final class TopicFilters {
    private TopicFilters() {}

    /** True when {@code filter} matches the concrete topic name {@code topic}. */
    public static boolean matches(String filter, String topic) {
        if (topic.contains("+") || topic.contains("#")) return false;
        // topics starting with $ are not matched by a leading wildcard (MQTT 5 §4.7.2)
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) return false;
        return covers(filter, topic);
    }

    /** True when every topic matched by {@code requested} is matched by {@code allowed}. */
    public static boolean covers(String allowed, String requested) {
        List<String> a = List.of(allowed.split("/", -1));
        List<String> r = List.of(requested.split("/", -1));
        for (int i = 0; i < a.size(); i++) {
            String level = a.get(i);
            if (level.equals("#")) return true; // the rest, including the parent level itself
            if (i >= r.size()) return false;
            String req = r.get(i);
            if (level.equals("+")) {
                if (req.equals("#")) return false;
                continue;
            }
            if (!level.equals(req)) return false; // a literal covers only itself, not '+' or '#'
        }
        return a.size() == r.size();
    }

    /** True when the first rule that applies allows it: any rule matching the topic. */
    public static boolean anyMatches(List<String> filters, String topic) {
        return filters.stream().anyMatch(f -> matches(f, topic));
    }

    public static boolean anyCovers(List<String> filters, String requested) {
        return filters.stream().anyMatch(f -> covers(f, requested));
    }

    /** Checks a topic filter's syntax: wildcards fill whole levels, '#' only last. */
    public static String requireFilter(String filter) {
        if (filter == null || filter.isEmpty()) throw new IllegalArgumentException("topic filter is empty");
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if ((l.contains("+") || l.contains("#")) && l.length() != 1) {
                throw new IllegalArgumentException("'" + filter + "': a wildcard must fill a whole level");
            }
            if (l.equals("#") && i != levels.length - 1) {
                throw new IllegalArgumentException("'" + filter + "': '#' must be the last level");
            }
        }
        return filter;
    }
}
