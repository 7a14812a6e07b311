package no.ledger.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, in place of Spring Boot's: errors that happen outside Spring MVC's exception
 * handling (a filter's {@code sendError}, a failure while writing) as problem documents, and the path itself,
 * asked for directly, as the unknown path it is for callers.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    /**
     * Written straight to the response, not through Spring's content negotiation: the error may be a 406 for an
     * {@code Accept} that takes no JSON, and a problem document it must still be.
     */
    @RequestMapping("${server.error.path:/error}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given && given >= 400 && given <= 599 ? given
                : HttpStatus.NOT_FOUND.value();
        ProblemJson.write(response, status, ProblemJson.ruleOf(status), ProblemJson.detailOf(status));
    }
}
