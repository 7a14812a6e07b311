package no.ledger.core.shared;

/**
 * A command broke one of the ledger's rules. Every rule is its own subclass, named after the rule, so that a
 * caller (and the REST API's error mapping) can tell them apart; {@link #rule()} is the stable, kebab-case name
 * that the API puts in its problem documents.
 */
public abstract class RuleViolation extends RuntimeException {

    private final String rule;
    private final Kind kind;
    private final String field;

    protected RuleViolation(String rule, Kind kind, String field, String message) {
        super(message);
        this.rule = rule;
        this.kind = kind;
        this.field = field;
    }

    /** The rule's stable name, for example {@code declaration-deadline-passed}. */
    public String rule() {
        return rule;
    }

    public Kind kind() {
        return kind;
    }

    /** The input field that broke the rule, or {@code null} when the rule concerns the ledger's state as a whole. */
    public String field() {
        return field;
    }

    /** How a rule was broken; the API maps each to its HTTP status. */
    public enum Kind {
        /** The command itself is malformed: a bad number, a negative count (422). */
        INVALID,
        /** The command names something the ledger does not have: a municipality, a programme, an event (404). */
        NOT_FOUND,
        /** The command contradicts what the ledger has recorded: signing twice, a passed deadline (409). */
        CONFLICT
    }
}
