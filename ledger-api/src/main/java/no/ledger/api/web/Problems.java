package no.ledger.api.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The ledger's RFC 9457 problem documents as Spring's {@link ProblemDetail}: a type and title derived from the rule
 * (as {@link ProblemJson} writes them where Spring does not reach), and the field at fault.
 */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String rule, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ProblemJson.TYPE_PREFIX + rule));
        problem.setTitle(ProblemJson.titleOf(rule));
        problem.setProperty("rule", rule);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
