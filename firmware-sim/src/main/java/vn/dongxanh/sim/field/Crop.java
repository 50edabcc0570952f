package vn.dongxanh.sim.field;

/** What grows on a plot, which decides its physical model and its sensors. */
public enum Crop {
    /** Paddy rice: ponded water, a water-level node. */
    RICE,
    /** Vegetables and other upland crops: soil moisture in the root zone. */
    VEGETABLE;

    /** Parses {@code rice} or {@code vegetable} (also {@code veg}), case-insensitive. */
    public static Crop parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "rice", "paddy", "lua" -> RICE;
            case "vegetable", "veg", "vegetables", "rau" -> VEGETABLE;
            default -> throw new IllegalArgumentException("unknown crop '" + text + "': use rice or vegetable");
        };
    }
}
