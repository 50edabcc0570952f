package vn.dongxanh.web.valve;

import java.util.List;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.ingest.IngestHttp;

/**
 * What the valve page shows.
 *
 * @param mayCommand the user is a manager or operator of the plot's cooperative (ingest checks again)
 * @param gateway the gateway commands go through: the one that last decided for the plot, else the first
 * @param form what the form holds: the defaults, or what the user sent when it was refused
 * @param problem why the last send failed, null when it did not
 * @param watch the command whose state is followed until the gateway answers, null for none
 */
public record ValveView(
        IngestApi.Plot plot,
        List<ValveApi.Device> valves,
        List<ValveApi.Gateway> gateways,
        String gateway,
        boolean mayCommand,
        Form form,
        IngestHttp.Problem problem,
        String problemKey,
        ValveApi.Command watch,
        List<CommandRow> commands,
        List<ValveApi.Decision> decisions,
        boolean unavailable,
        long maxRunMinutes,
        long pollSeconds) {

    /** The open-or-close form's values. */
    public record Form(String device, String gateway, String action, String runMinutes) {}

    /** A recent command and who sent it: "you", or another member by the role-free token subject. */
    public record CommandRow(ValveApi.Command command, boolean mine) {}
}
