package no.ledger.api.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The ledger's RFC 9457 problem documents: a type and title derived from the rule, and the field at fault. */
public final class Problems {

    static final String TYPE_PREFIX = "urn:problem-type:commitment-ledger:";

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String rule, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + rule));
        problem.setTitle(titleOf(rule));
        problem.setProperty("rule", rule);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /** {@code sign-by-deadline} becomes "Sign by deadline". */
    static String titleOf(String rule) {
        String words = rule.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
