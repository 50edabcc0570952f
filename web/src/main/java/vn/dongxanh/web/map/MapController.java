package vn.dongxanh.web.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;
import vn.dongxanh.contract.dashboard.PlotState;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.signin.SignedIn;
import vn.dongxanh.web.trace.TraceApi;

/**
 * The overview map's data on this origin (the CSP's {@code connect-src 'self'}): the cooperative's
 * plots as a GeoJSON FeatureCollection, each feature's {@code state} from ingest's overview and its
 * polygon from traceability-service's list of the cooperative's plots (one call), matched by id.
 * The overview page does not wait for it: the map's script asks after the page is shown, so a slow
 * or absent traceability-service costs the map only.
 */
@RestController
class MapController {
    private static final Logger log = LoggerFactory.getLogger(MapController.class);

    private final IngestApi ingest;
    private final TraceApi trace;

    MapController(IngestApi ingest, TraceApi trace) {
        this.ingest = ingest;
        this.trace = trace;
    }

    @GetMapping("/map/plots")
    ResponseEntity<?> plots(Authentication authentication) {
        SignedIn user = SignedIn.of(authentication);
        if (!user.cooperative()) {
            return problem(HttpStatus.FORBIDDEN, "the map shows a cooperative's plots; you act for none");
        }
        List<PlotState> states;
        try {
            states = ingest.overview(user.organisation()).plots();
        } catch (RestClientException e) {
            log.warn("ingest-service did not answer for the map: {}", e.toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "ingest-service did not answer");
        }
        Map<String, TraceApi.TracePlot> shapes = new HashMap<>();
        try {
            for (TraceApi.TracePlot t : trace.plots()) shapes.put(t.id(), t);
        } catch (RestClientException e) {
            log.warn("traceability-service did not answer for the map: {}", e.toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "traceability-service did not answer");
        }
        var features = new ArrayList<Map<String, Object>>();
        var missing = new ArrayList<String>();
        for (PlotState p : states) {
            var shape = shapes.get(p.plotId());
            if (shape == null || shape.geometry() == null) {
                missing.add(p.plotId());
                continue;
            }
            features.add(feature(p, shape.geometry()));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "FeatureCollection");
        body.put("features", features);
        // ingest's plots traceability-service has no polygon for (registered there under another id, or not yet)
        body.put("missing", missing);
        return ResponseEntity.ok(body);
    }

    static Map<String, Object> feature(PlotState p, Map<String, Object> geometry) {
        return PlotFeatures.feature(p.plotId(), p.name(), MapState.of(p), geometry);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
