package vn.dongxanh.web.map;

import java.util.LinkedHashMap;
import java.util.Map;

/** A plot as a GeoJSON Feature for map.js: its polygon, and its id, name and state as properties. */
public final class PlotFeatures {
    private PlotFeatures() {}

    public static Map<String, Object> feature(String plot, String name, MapState state, Map<String, Object> geometry) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("plot", plot);
        properties.put("name", name);
        properties.put("state", state.wireName());
        var f = new LinkedHashMap<String, Object>();
        f.put("type", "Feature");
        f.put("id", plot);
        f.put("geometry", geometry);
        f.put("properties", properties);
        return f;
    }
}
