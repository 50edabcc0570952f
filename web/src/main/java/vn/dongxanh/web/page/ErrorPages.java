package vn.dongxanh.web.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Pages for refusals, in the reader's language and the common layout. */
@ControllerAdvice
class ErrorPages {
    private final Pages pages;

    ErrorPages(Pages pages) {
        this.pages = pages;
    }

    /** 403, in words for what was asked for (a plot, a batch, a valve command; else not named). */
    @ExceptionHandler(NotYours.class)
    ModelAndView notYours(NotYours refused, HttpServletRequest request, HttpServletResponse response) {
        var mav = new ModelAndView(
                "refused",
                Map.of(
                        "page",
                        pages.page(request, "refused.title"),
                        "message",
                        refused.kind().messageKey()));
        mav.setStatus(HttpStatus.FORBIDDEN);
        return mav;
    }
}
