package vn.dongxanh.trace.diary;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;

/** A cooperative's manager and field operators write its plots' farming diary. */
@RestController
public class DiaryController {
    private final DiaryService diary;
    private final IrrigationSummaryDiary irrigation;
    private final Access access;

    public DiaryController(DiaryService diary, IrrigationSummaryDiary irrigation, Access access) {
        this.diary = diary;
        this.irrigation = irrigation;
        this.access = access;
    }

    private Actor writer(Authentication auth, String plotId) {
        Actor actor = access.require(auth, PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
        access.changePlot(actor, auth, plotId);
        return actor;
    }

    @PostMapping("/api/plots/{plotId}/diary")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> add(
            @PathVariable String plotId, @RequestBody DiaryService.NewEntry entry, Authentication auth) {
        return diary.add(writer(auth, plotId), plotId, entry);
    }

    @PostMapping("/api/plots/{plotId}/diary/irrigation-summary")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Pull the plot's irrigation summary from ingest-service into its diary",
            description = "Body {from, to}, both optional: from defaults to the plot's last SOWING or TRANSPLANTING"
                    + " entry, to to today. ingest-service's plot of the same id is summarised over those local days;"
                    + " the summary is stored as an IRRIGATION_SUMMARY diary entry and a record anchored on the"
                    + " ledger. Nothing is stored when ingest does not answer.")
    @ApiResponse(responseCode = "201", description = "the entry, its record and the summary")
    @ApiResponse(responseCode = "409", description = "ingest's plot of that id belongs to another growing-area code")
    @ApiResponse(responseCode = "422", description = "ingest has no such plot, or refused the range")
    @ApiResponse(responseCode = "502", description = "ingest's answer is not a season summary")
    @ApiResponse(responseCode = "503", description = "ingest-service cannot be reached or failed; the reason is given")
    public IrrigationSummaryDiary.Entry pullIrrigationSummary(
            @PathVariable String plotId,
            @RequestBody(required = false) IrrigationSummaryDiary.Season season,
            Authentication auth) {
        return irrigation.pull(writer(auth, plotId), plotId, season);
    }
}
