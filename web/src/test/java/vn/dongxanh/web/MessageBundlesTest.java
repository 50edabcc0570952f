package vn.dongxanh.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.telemetry.Metric;

/**
 * The two message bundles hold the same keys, none empty, and every key the templates and the
 * code name is in them: a page never shows a key or falls back to the other language.
 */
class MessageBundlesTest {
    /** A message key as the templates and code write it: dotted lower case, e.g. "overview.title". */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"([a-z][a-z0-9_-]*(?:\\.[a-z0-9_-]+)+)\"");
    /** The packages whose code names message keys (the others hold no dotted literal that is not a key). */
    private static final Set<String> PAGE_PACKAGES = Set.of(
            "page",
            "overview",
            "plot",
            "valve",
            "alarm",
            "gateway",
            "map",
            "batch",
            "buyer",
            "notify",
            "live",
            "diary");

    @Test
    void bothLanguagesHaveTheSameKeysAndNoneIsEmpty() throws IOException {
        Properties vi = bundle("vi");
        Properties en = bundle("en");
        assertThat(vi.stringPropertyNames())
                .as("keys of messages_vi missing from messages_en")
                .isSubsetOf(en.stringPropertyNames());
        assertThat(en.stringPropertyNames())
                .as("keys of messages_en missing from messages_vi")
                .isSubsetOf(vi.stringPropertyNames());
        for (var p : new Properties[] {vi, en}) {
            p.forEach((k, v) ->
                    assertThat(v.toString().strip()).as("message %s", k).isNotEmpty());
        }
        assertThat(vi.getProperty("language.name")).isNotEqualTo(en.getProperty("language.name"));
    }

    /**
     * A text with arguments goes through MessageFormat, where a lone ' starts a quoted run: "the
     * platform's data ({0})" would print "the platforms data ({0})". Such texts write '' for '.
     */
    @Test
    void aTextWithArgumentsDoublesItsApostrophes() throws IOException {
        for (String lang : List.of("vi", "en")) {
            Properties texts = bundle(lang);
            for (String key : texts.stringPropertyNames()) {
                String value = texts.getProperty(key);
                if (!value.matches("(?s).*\\{\\d.*")) continue;
                assertThat(value.replace("''", ""))
                        .as("%s in messages_%s", key, lang)
                        .doesNotContain("'");
            }
        }
    }

    @Test
    void everyKeyTheTemplatesAndCodeNameIsInTheBundles() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/jte"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jte")).toList()) {
                var m = KEY_LITERAL.matcher(Files.readString(f));
                while (m.find()) used.add(m.group(1));
            }
        }
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/vn/dongxanh/web"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")
                            && PAGE_PACKAGES.contains(
                                    f.getParent().getFileName().toString()))
                    .toList()) {
                var m = KEY_LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    // "dx.web.…" names a configuration prefix (@ConfigurationProperties), "x.jte" a template
                    if (!m.group(1).startsWith("dx.") && !m.group(1).endsWith(".jte")) used.add(m.group(1));
                }
            }
        }
        // the templates name a metric's label as "metric." + its wire name
        for (Metric metric : Metric.values()) used.add("metric." + metric.wireName());
        // the map's legend names each state as "map.state." + its wire name; devices as "gateways.kind." + kind
        for (var state : vn.dongxanh.web.map.MapState.values()) used.add("map.state." + state.wireName());
        for (String kind : List.of("water_level", "soil_moisture", "rain_gauge", "flow_meter", "valve", "pump")) {
            used.add("gateways.kind." + kind);
        }
        // the buyer page names statuses, water methods and crops as a prefix + the service's word
        for (String status : vn.dongxanh.web.buyer.LotView.STATUSES) used.add("buyer.status." + status);
        for (String method : vn.dongxanh.web.buyer.LotView.WATER_METHODS) used.add("buyer.water." + method);
        for (String crop : vn.dongxanh.web.buyer.LotView.CROPS) used.add("buyer.crop." + crop);
        // and, from the lot's records: schemes, business steps, dispositions, fields, sections, the script's words
        for (String scheme : vn.dongxanh.web.buyer.LotView.SCHEMES) used.add("buyer.scheme." + scheme);
        for (String step : vn.dongxanh.web.buyer.LotView.STEPS) used.add("buyer.step." + step);
        for (String d : vn.dongxanh.web.buyer.LotView.DISPOSITIONS) used.add("buyer.disposition." + d);
        for (String field : vn.dongxanh.web.buyer.LotView.FIELDS) used.add("buyer.field." + field);
        for (String section : vn.dongxanh.web.buyer.Story.SECTIONS) {
            used.add("buyer.section." + section);
            used.add("buyer.section." + section + ".none");
        }
        for (String word : vn.dongxanh.web.buyer.LotView.SCRIPT_TEXTS) used.add("buyer.verify." + word);
        assertThat(used).as("keys found in templates and code").contains("overview.title", "layout.sign-out");
        assertThat(bundle("vi").stringPropertyNames()).containsAll(used);
        assertThat(bundle("en").stringPropertyNames()).containsAll(used);
    }

    private static Properties bundle(String lang) throws IOException {
        var p = new Properties();
        try (var in = MessageBundlesTest.class.getResourceAsStream("/messages_" + lang + ".properties")) {
            assertThat(in).as("messages_%s.properties on the classpath", lang).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
