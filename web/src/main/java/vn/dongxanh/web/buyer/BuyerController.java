package vn.dongxanh.web.buyer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;
import vn.dongxanh.web.page.Pages;

/**
 * The public buyer page of a lot, at its GS1 Digital Link path {@code /01/{gtin}/10/{lot}} (what
 * its label's QR code opens), rendered from the lot's story in traceability-service: the records
 * that were (or will be) anchored, which the page's script checks in the buyer's browser. Everything
 * else under that path (JSON-LD, the linkset, {@code ?linkType=}) and the service's public reads
 * are passed on to the service and its answer back as it came, so this origin is a whole resolver
 * from outside. No sign-in; the service is asked as anyone, naming the client.
 */
@Controller
class BuyerController {
    private final TraceResolver trace;
    private final Pages pages;
    private final ClientAddress clients;
    private final LotView.Chain chain;

    BuyerController(TraceResolver trace, Pages pages, BuyerProperties properties) {
        this.trace = trace;
        this.pages = pages;
        this.clients = new ClientAddress(properties.trustedProxies());
        this.chain = new LotView.Chain(
                properties.chainRpcUrl() == null
                        ? null
                        : properties.chainRpcUrl().toString(),
                properties.transactionUrl());
    }

    @GetMapping("/01/{gtin}/10/{lot}")
    ModelAndView lot(
            @PathVariable String gtin,
            @PathVariable String lot,
            @RequestParam(required = false) String linkType,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        if (linkType != null || ContentChoice.of(format, accept) != ContentChoice.HTML) {
            forward(request, response);
            return null;
        }
        String client = clients.of(request);
        TraceResolver.Told answer;
        try {
            answer = trace.story(gtin, lot, client);
        } catch (RestClientException unavailable) {
            return missing(request, response, HttpStatus.SERVICE_UNAVAILABLE, "buyer.unavailable", gtin, lot);
        }
        response.addHeader(HttpHeaders.VARY, "Accept, Accept-Language, Cookie");
        if (answer.status() != 200) {
            return switch (answer.status()) {
                case 400, 404 ->
                    missing(request, response, HttpStatus.valueOf(answer.status()), "buyer.not-found", gtin, lot);
                case 429 -> {
                    if (answer.retryAfter() != null) response.setHeader(HttpHeaders.RETRY_AFTER, answer.retryAfter());
                    yield missing(request, response, HttpStatus.TOO_MANY_REQUESTS, "buyer.busy", gtin, lot);
                }
                default -> missing(request, response, HttpStatus.SERVICE_UNAVAILABLE, "buyer.unavailable", gtin, lot);
            };
        }
        Story story = answer.story();
        if (!story.gtin().equals(gtin)) {
            // a GTIN-8, -12 or -13: the canonical 14-digit URI, as the resolver does
            String canonical = UriComponentsBuilder.fromPath("/01/{gtin}/10/{lot}")
                    .query(request.getQueryString())
                    .buildAndExpand(story.gtin(), story.lot())
                    .toUriString();
            var moved = new RedirectView(canonical);
            moved.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
            return new ModelAndView(moved);
        }
        var view = new LotView(story, pages.texts(request), chain);
        var page = pages.publicPage(request, "buyer.title", view.productName(), story.lot());
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, page.t().lang());
        response.setHeader(HttpHeaders.LINK, "<" + view.path() + "?linkType=linkset>; rel=\"linkset\"");
        return new ModelAndView("buyer/lot", Map.of("page", page, "lot", view));
    }

    /** traceability-service's public reads, passed on (the list is {@link PublicPaths#READS}). */
    @GetMapping({
        "/api/lots/*/*",
        "/api/lots/*/*/story",
        "/api/batches/*",
        "/api/batches/*/qr.png",
        "/api/batches/*/qr.svg",
        "/api/plots/*",
        "/api/codes/*",
        "/api/certificates/*",
        "/api/products/*",
        "/api/organisations/*",
        "/api/records/*",
        "/api/records/*/proof",
        "/api/records/*/verification",
        "/api/epcis/events",
        "/api/ledger",
        "/api/ledger/abi",
        "/api/listing",
        "/api/listing/*"
    })
    void read(HttpServletRequest request, HttpServletResponse response) throws IOException {
        forward(request, response);
    }

    private void forward(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        TraceResolver.Answer answer;
        try {
            answer = trace.read(path, request.getHeader(HttpHeaders.ACCEPT), clients.of(request));
        } catch (RestClientException unavailable) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setContentType("application/problem+json");
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"unavailable\",\"status\":503,"
                            + "\"detail\":\"traceability-service did not answer\",\"rule\":\"unavailable\"}");
            return;
        }
        response.setStatus(answer.status().value());
        answer.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        response.getOutputStream().write(answer.body());
    }

    private ModelAndView missing(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String message,
            String gtin,
            String lot) {
        var page = pages.publicPage(request, "buyer.missing.title");
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, page.t().lang());
        var mav = new ModelAndView("buyer/missing", Map.of("page", page, "message", message, "gtin", gtin, "lot", lot));
        mav.setStatus(status);
        return mav;
    }
}
