package vn.dongxanh.edge.irrigation;

/** How a paddy's water is managed in a growth stage (DOMAIN.md §6). */
public enum WaterMode {
    /** Land preparation and sowing: the farmer decides; the gateway never opens the valve itself. */
    MANUAL,
    /** Keep a shallow flood: refill as soon as the water falls to the start level. */
    FLOOD_HOLD,
    /** Alternate wetting and drying: let the water table fall below the surface, then re-flood. */
    AWD,
    /** Let the field dry before harvest: never irrigate. */
    DRAIN
}
