package vn.dongxanh.contract.dashboard;

/** How a plot's irrigation is controlled by its gateway (DOMAIN.md §6, §7). */
public enum ControlKind {
    /** Rice: water level kept between a start and a stop level per growth stage (alternate wetting and drying). */
    AWD,
    /** Vegetables: soil moisture kept inside a band. */
    MOISTURE_BAND
}
