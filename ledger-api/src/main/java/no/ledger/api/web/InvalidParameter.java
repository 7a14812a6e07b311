package no.ledger.api.web;

/**
 * A query parameter or header that the request cannot be answered with: 400, naming the parameter and the rule, like
 * a malformed body.
 */
public class InvalidParameter extends RuntimeException {

    private final String field;
    private final String rule;

    public InvalidParameter(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
