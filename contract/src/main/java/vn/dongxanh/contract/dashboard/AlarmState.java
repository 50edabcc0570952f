package vn.dongxanh.contract.dashboard;

/**
 * Where an alarm is. Acknowledgement does not close an alarm: it stays RAISED (acknowledged) until
 * its condition clears.
 */
public enum AlarmState {
    RAISED,
    CLEARED
}
