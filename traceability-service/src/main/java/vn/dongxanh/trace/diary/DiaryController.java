package vn.dongxanh.trace.diary;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Paging;

/** A cooperative's manager and field operators write its plots' farming diary; the department reads it too. */
@RestController
public class DiaryController {
    private final DiaryService diary;
    private final IrrigationSummaryDiary irrigation;
    private final Access access;
    private final Paging paging;

    public DiaryController(DiaryService diary, IrrigationSummaryDiary irrigation, Access access, Paging paging) {
        this.diary = diary;
        this.paging = paging;
        this.irrigation = irrigation;
        this.access = access;
    }

    private Actor writer(Authentication auth, String plotId) {
        Actor actor = access.require(auth, PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
        access.changePlot(actor, auth, plotId);
        return actor;
    }

    /**
     * The plot's entries, the newest first, paged ({@link Paging}); the operator's name to the
     * plot's cooperative only ({@link Access#readDiary}).
     */
    @GetMapping("/api/plots/{plotId}/diary")
    @Operation(
            summary = "A plot's farming diary, the newest entry first",
            description = "Paged by limit and offset (dx.trace.lists.*), Link rel=next when there are more. Read by"
                    + " the plot's cooperative (manager, operator) and the department; operator (the name typed) is"
                    + " given to the plot's cooperative only, null for the department.")
    @ApiResponse(responseCode = "400", description = "limit or offset out of range")
    public ResponseEntity<List<DiaryEntry>> list(
            @PathVariable String plotId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset,
            Authentication auth,
            HttpServletRequest request) {
        boolean names = access.readDiary(auth, plotId);
        Paging.Window w = paging.window(limit, offset);
        return paging.page(diary.ofPlot(plotId, names, w.probe(), w.offset()), w, request);
    }

    /** The operations an entry may name (the form's choices). */
    @GetMapping("/api/diary/operations")
    @Operation(summary = "The operations a diary entry may name")
    public List<String> operations() {
        return DiaryService.operations();
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
