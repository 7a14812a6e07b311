package no.ledger.api.security;

import static no.ledger.api.security.LedgerRole.AUDITOR;
import static no.ledger.api.security.LedgerRole.OPERATOR;
import static no.ledger.api.security.LedgerRole.RECORDER;
import static no.ledger.api.security.LedgerRole.REGISTRAR;
import static no.ledger.api.security.LedgerRole.SUBSCRIBER;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Which role may do what on the API: one line a kind of request. Reads of coverage, participants and ownership are
 * in {@link #PUBLIC_READS}, open to anyone unless {@code ledger.security.public-reads=false}. A request that no line
 * names needs an authenticated caller, and the controller then answers 404 or 405 for what does not exist.
 */
public final class AccessRules {

    /**
     * One kind of request and the roles that may make it (any one of them). Patterns as Spring's path patterns:
     * {@code *} is one segment.
     */
    public record Rule(HttpMethod method, String pathPattern, List<LedgerRole> roles) {

        public Rule(HttpMethod method, String pathPattern, LedgerRole... roles) {
            this(method, pathPattern, List.of(roles));
        }
    }

    public static final List<Rule> RULES = List.of(
            // Registers: who exists, what programmes and companies there are, and mending mistakes.
            new Rule(HttpMethod.POST, "/api/municipalities", REGISTRAR),
            new Rule(HttpMethod.POST, "/api/municipalities/*/population", REGISTRAR),
            new Rule(HttpMethod.POST, "/api/programmes", REGISTRAR),
            new Rule(HttpMethod.POST, "/api/companies", REGISTRAR),
            new Rule(HttpMethod.POST, "/api/events/*/retraction", REGISTRAR),
            // Decisions: a participation's, and the company's shares.
            new Rule(HttpMethod.POST, "/api/programmes/*/participants/*/**", RECORDER),
            new Rule(HttpMethod.POST, "/api/companies/*/share-issues", RECORDER),
            new Rule(HttpMethod.POST, "/api/companies/*/share-transfers", RECORDER),
            // Files of decisions, recorded as one POST a row would be, and their progress.
            new Rule(HttpMethod.POST, "/api/imports", RECORDER),
            new Rule(HttpMethod.GET, "/api/imports/*", RECORDER),
            // What auditors read: every event with who recorded it and who signed.
            new Rule(HttpMethod.GET, "/api/municipalities/*/history", AUDITOR),
            // The event feed and single events (the feed's ids lead to them): auditors, and other systems that
            // follow the ledger with a role for that alone.
            new Rule(HttpMethod.GET, "/api/events", AUDITOR, SUBSCRIBER),
            new Rule(HttpMethod.GET, "/api/events/*", AUDITOR, SUBSCRIBER),
            // Recomputing every leaf from the stored events reads them all: auditors only.
            new Rule(HttpMethod.POST, "/api/integrity/verification", AUDITOR),
            // Rebuilding the read models, and following how far it has come: operators.
            new Rule(HttpMethod.POST, "/api/admin/read-models/rebuild", OPERATOR),
            new Rule(HttpMethod.GET, "/api/admin/read-models/rebuild", OPERATOR),
            new Rule(HttpMethod.GET, "/api/admin/read-models/rebuild/*", OPERATOR));

    /**
     * The verifiable log's heads, key and proofs: open to anyone whatever {@code public-reads} says, since they
     * reveal hashes, never an event's content, and whoever checks the ledger must not need its trust.
     */
    public static final List<String> PUBLIC_INTEGRITY = List.of(
            "/api/integrity/tree-head",
            "/api/integrity/public-key",
            "/api/integrity/inclusion-proof",
            "/api/integrity/consistency-proof");

    /** The figures any analyst may see: coverage, participants and ownership, for any date; and what there is. */
    public static final List<String> PUBLIC_READS = List.of(
            "/api/programmes",
            "/api/municipalities",
            "/api/companies",
            "/api/programmes/*/coverage",
            "/api/programmes/*/coverage/timeline",
            "/api/programmes/*/participants",
            "/api/programmes/*/participants/*",
            "/api/companies/*/ownership");

    private AccessRules() {
    }
}
