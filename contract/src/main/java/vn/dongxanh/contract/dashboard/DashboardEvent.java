package vn.dongxanh.contract.dashboard;

/**
 * What the cooperative's live stream carries. The SSE event name is {@link #name(DashboardEvent)};
 * the data is the record as JSON. Besides these the stream sends heartbeat comments.
 */
public sealed interface DashboardEvent permits PlotState, GatewayState, AlarmChange, CommandChange {

    /** The SSE event name of an event: {@code plot}, {@code gateway}, {@code alarm} or {@code command}. */
    static String name(DashboardEvent event) {
        return switch (event) {
            case PlotState p -> "plot";
            case GatewayState g -> "gateway";
            case AlarmChange a -> "alarm";
            case CommandChange c -> "command";
        };
    }
}
