package vn.dongxanh.web.batch;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.trace.TraceApi;

/**
 * Harvest to batch: the form of a new batch, traceability-service's checks shown before the
 * manager may create it, the created batch's page and its labels. Everything goes through
 * traceability-service with the user's token (it decides who may create and print); the browser
 * downloads the labels from this origin. When the service cannot be reached the page still
 * renders and says so.
 */
@Controller
class BatchController {
    private final TraceApi trace;
    private final Pages pages;

    BatchController(TraceApi trace, Pages pages) {
        this.trace = trace;
        this.pages = pages;
    }

    /** A page of the cooperative's batches from {@code offset} on, with a link to the next when there is one. */
    @GetMapping("/batches")
    ModelAndView batches(@RequestParam(defaultValue = "0") int offset, HttpServletRequest request) {
        var model = new HashMap<String, Object>();
        model.put("page", pages.page(request, "batch.list.title"));
        try {
            model.put("batches", trace.batches(Math.max(0, offset)));
            model.put("problem", null);
        } catch (HttpClientErrorException e) {
            model.put("batches", null);
            model.put("problem", Problem.of(e));
        } catch (RestClientException e) {
            model.put("batches", null);
            model.put("problem", Problem.of("batch.problem.unavailable"));
        }
        return new ModelAndView("batches", model);
    }

    /** The list's "open a batch by its number". */
    @GetMapping("/batches/find")
    String find(@RequestParam long id) {
        return "redirect:/batches/" + id;
    }

    @GetMapping("/batches/new")
    ModelAndView newBatch(HttpServletRequest request) {
        return form(request, BatchForm.empty(), null, null, HttpStatus.OK);
    }

    /** The dry run: what creating this batch would check, nothing stored. */
    @PostMapping("/batches/checks")
    ModelAndView checks(@ModelAttribute BatchForm form, HttpServletRequest request) {
        TraceApi.NewBatch body;
        try {
            body = form.toNewBatch();
        } catch (NumberFormatException e) {
            return form(request, form, null, Problem.of("batch.problem.certificates"), HttpStatus.BAD_REQUEST);
        }
        try {
            return form(request, form, trace.checks(body), null, HttpStatus.OK);
        } catch (HttpClientErrorException e) {
            return form(
                    request,
                    form,
                    null,
                    Problem.of(e),
                    HttpStatus.valueOf(e.getStatusCode().value()));
        } catch (RestClientException e) {
            return form(request, form, null, Problem.of("batch.problem.unavailable"), HttpStatus.SERVICE_UNAVAILABLE);
        }
    }

    /** Creation; traceability-service applies the same checks again and refuses with the failed rule. */
    @PostMapping("/batches")
    ModelAndView create(@ModelAttribute BatchForm form, HttpServletRequest request) {
        TraceApi.NewBatch body;
        try {
            body = form.toNewBatch();
        } catch (NumberFormatException e) {
            return form(request, form, null, Problem.of("batch.problem.certificates"), HttpStatus.BAD_REQUEST);
        }
        try {
            TraceApi.Batch created = trace.create(body);
            return new ModelAndView("redirect:/batches/" + created.id());
        } catch (HttpClientErrorException e) {
            // refused (a check failed since the preview, or not a manager): show the checks as they are now
            TraceApi.Checks now = null;
            try {
                now = trace.checks(body);
            } catch (RestClientException ignored) {
                // the refusal's own reason is shown below
            }
            return form(
                    request,
                    form,
                    now,
                    Problem.of(e),
                    HttpStatus.valueOf(e.getStatusCode().value()));
        } catch (RestClientException e) {
            return form(request, form, null, Problem.of("batch.problem.unavailable"), HttpStatus.SERVICE_UNAVAILABLE);
        }
    }

    @GetMapping("/batches/{id}")
    ModelAndView batch(@PathVariable long id, HttpServletRequest request) {
        var model = new HashMap<String, Object>();
        model.put("page", pages.page(request, "batch.title", String.valueOf(id)));
        model.put("id", id);
        try {
            model.put("batch", trace.batch(id));
            model.put("scans", scans(id));
            model.put("problem", null);
        } catch (HttpClientErrorException e) {
            throw new NotYours(NotYours.Kind.BATCH, "batch " + id); // 404 and 403 alike: says no more than the service
        } catch (RestClientException e) {
            model.put("batch", null);
            model.put("scans", null);
            model.put("problem", Problem.of("batch.problem.unavailable"));
            var mav = new ModelAndView("batch", model);
            mav.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
            return mav;
        }
        return new ModelAndView("batch", model);
    }

    /** The batch's scans, or null when they cannot be read just now (the page says so; the batch still shows). */
    private TraceApi.Scans scans(long id) {
        try {
            return trace.scans(id);
        } catch (RestClientException e) {
            return null;
        }
    }

    /** The label sheet and the single label, fetched with the user's token and handed over from this origin. */
    @GetMapping({"/batches/{id}/labels.pdf", "/batches/{id}/label.png", "/batches/{id}/label.svg"})
    ResponseEntity<byte[]> label(
            @PathVariable long id,
            @RequestParam(required = false) Integer count,
            @RequestParam(required = false) Integer columns,
            @RequestParam(required = false) Integer rows,
            @RequestParam(required = false) Integer skip,
            HttpServletRequest request) {
        String uri = request.getRequestURI();
        String file = uri.substring(uri.lastIndexOf('/') + 1);
        TraceApi.LabelFile label;
        try {
            label = trace.label(id, file, count, columns, rows, skip);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.BAD_REQUEST) {
                return ResponseEntity.badRequest().build();
            }
            throw new NotYours(NotYours.Kind.BATCH, "labels of batch " + id);
        } catch (RestClientException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        var answer = ResponseEntity.ok().contentType(label.type());
        if (label.disposition() != null) answer.header(HttpHeaders.CONTENT_DISPOSITION, label.disposition());
        return answer.body(label.body());
    }

    private ModelAndView form(
            HttpServletRequest request, BatchForm form, TraceApi.Checks checks, Problem problem, HttpStatus status) {
        var model = new HashMap<String, Object>();
        model.put("page", pages.page(request, "batch.new.title"));
        model.put("form", form);
        model.put("checks", checks);
        model.put("problem", problem);
        var mav = new ModelAndView("batchform", model);
        mav.setStatus(status);
        return mav;
    }
}
