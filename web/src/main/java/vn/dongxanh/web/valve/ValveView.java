package vn.dongxanh.web.valve;

import java.time.Instant;
import java.util.List;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.ingest.IngestHttp;
import vn.dongxanh.web.overview.Overview;

/**
 * What the valve page shows.
 *
 * @param mayCommand the user is a manager or operator of the plot's cooperative (ingest checks again)
 * @param gateway the gateway commands go through: the one that last decided for the plot, else the first
 * @param form what the form holds: the defaults, or what the user sent when it was refused
 * @param problem why the last send failed, null when it did not
 * @param watch the command whose state is followed until the gateway answers, null for none
 * @param card the plot's card as on the overview (level and valve now), kept live by the stream;
 *     null when ingest did not answer
 * @param instructions the plot's overrides and schedules
 * @param overrideForm what the override form holds
 * @param scheduleForm what the schedule form holds
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
        long pollSeconds,
        Overview.PlotRow card,
        Instant now,
        Instructions instructions,
        OverrideForm overrideForm,
        ScheduleForm scheduleForm,
        long maxOverrideMinutes,
        long maxOpenOverrideMinutes) {

    /**
     * The override form: {@code hold} OPEN, CLOSED or AUTO; {@code mode} "for" ({@code minutes}
     * from now) or "until" ({@code until}, a local date-time in the platform's zone).
     */
    public record OverrideForm(String hold, String mode, String minutes, String until) {}

    /** The schedule form: {@code start} a local date-time in the platform's zone, the run time in minutes. */
    public record ScheduleForm(String start, String runMinutes) {}

    /** The open-or-close form's values. */
    public record Form(String device, String gateway, String action, String runMinutes) {}

    /** A recent command and who sent it: "you", or another member by the role-free token subject. */
    public record CommandRow(ValveApi.Command command, boolean mine) {}
}
