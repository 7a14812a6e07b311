package no.ledger.api.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For each problem status an operation may answer, the rule a real request of that operation could break: the
 * examples of the OpenAPI document name rules that exist (see the README's table of rules).
 */
final class ProblemExamples {

    private ProblemExamples() {
    }

    /** An example problem: the rule, the field at fault (or none) and a detail as the ledger writes it. */
    record Example(String rule, String field, String detail) {
    }

    static Example badRequest(String method) {
        return "POST".equals(method)
                ? new Example("format", "signedOn", "signedOn must be a date such as 2020-07-01; got '1. juli'")
                : new Example("format", "asOf", "asOf must be a date such as 2020-07-01; got '1. juli'");
    }

    static Example unauthorized() {
        return new Example("credentials-required", null, "this request needs credentials: HTTP Basic or a bearer"
                + " token");
    }

    static Example forbidden(String role) {
        return new Example("role-required", null, "this request needs the role " + role
                + ", which the caller does not have");
    }

    /** The thing a path names that may not exist, the most specific first. */
    static Example notFound(String path) {
        if (path.startsWith("/api/admin/read-models/rebuild/{id}")) {
            return new Example("rebuild-exists", "id", "no rebuild has this id");
        }
        if (path.startsWith("/api/imports/{id}")) {
            return new Example("import-started", "id", "no import has this id");
        }
        if (path.contains("{eventId}")) {
            return new Example("event-recorded", "eventId", "no event 3f9c2a7e-… is recorded");
        }
        if (path.contains("/participants/{number}") && !path.endsWith("/participants/{number}")) {
            return new Example("programme-defined", "programme", "no programme 'akson2' is defined");
        }
        if (path.endsWith("/participants/{number}")) {
            return new Example("participant-in-scope", "number", "5001 is not in the scope of programme akson");
        }
        if (path.contains("{programme}")) {
            return new Example("programme-defined", "programme", "no programme 'akson2' is defined");
        }
        if (path.contains("{company}")) {
            return new Example("company-founded", "company", "no company 'akson-journal' is founded");
        }
        if (path.contains("{number}")) {
            return new Example("municipality-registered", "number", "no municipality 9999 is registered");
        }
        return null;
    }

    private static final Map<String, Example> CONFLICTS = new LinkedHashMap<>();

    static {
        CONFLICTS.put("/read-models/rebuild", new Example("rebuild-in-progress", null,
                "rebuild 3 is running; follow it at /api/admin/read-models/rebuild/3"));
        CONFLICTS.put("/invitation", new Example("invited-once", null, "0301 is already invited to akson"));
        CONFLICTS.put("/declaration/withdrawal", new Example("withdraw-signed-declaration", null,
                "0301 has no signed declaration to withdraw in akson"));
        CONFLICTS.put("/declaration", new Example("sign-by-deadline", "signedOn",
                "signed on 2020-07-05, after the deadline 2020-07-01 in force for 4601"));
        CONFLICTS.put("/extension", new Example("extension-later-than-deadline", "newDeadline",
                "the new deadline 2020-06-30 is not later than the deadline in force, 2020-07-01"));
        CONFLICTS.put("/option/exercise", new Example("option-in-force", null,
                "0301 holds no option in force in akson"));
        CONFLICTS.put("/option/lapse", new Example("option-in-force", null,
                "0301 holds no option in force in akson"));
        CONFLICTS.put("/commitment", new Example("one-agreement-at-a-time", null,
                "0301 already has an agreement in force in akson"));
        CONFLICTS.put("/option", new Example("one-agreement-at-a-time", null,
                "0301 already has an agreement in force in akson"));
        CONFLICTS.put("/population", new Example("one-population-count-per-date", "countedOn",
                "0301 already has a population count on 2020-01-01"));
        CONFLICTS.put("/share-issues", new Example("shares-after-founding", "issuedOn",
                "shares of akson-journal issued on 2021-01-01, before its founding on 2021-06-01"));
        CONFLICTS.put("/share-transfers", new Example("transfer-at-most-holding", "shares",
                "0301 holds 10 shares of akson-journal, fewer than the 20 transferred"));
        CONFLICTS.put("/retraction", new Example("retract-once", "eventId", "the event is already retracted"));
        CONFLICTS.put("/api/municipalities", new Example("municipality-registered-once", "number",
                "municipality 0301 is already registered"));
        CONFLICTS.put("/api/programmes", new Example("programme-defined-once", "id",
                "programme akson is already defined"));
        CONFLICTS.put("/api/companies", new Example("company-founded-once", "id",
                "company akson-journal is already founded"));
    }

    static Example conflict(String path) {
        return CONFLICTS.entrySet().stream().filter(entry -> path.endsWith(entry.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(new Example("one-decision-at-a-time", null, "another decision on the same party"
                        + " was recorded at the same moment; read its state and try again"));
    }

    static Example unprocessable(String method, String path) {
        if (!"POST".equals(method)) {
            return new Example("date-in-range", "asOf", "asOf must lie between 1900-01-01 and 2999-12-31");
        }
        if (path.startsWith("/api/programmes/{programme}/participants")) {
            return new Example("municipality-in-programme-scope", "number",
                    "5001 (Trondheim) is in health region MIDT, outside the scope of akson");
        }
        return new Example("text-length", "reference", "reference is at most 255 characters");
    }

    static Example unavailable() {
        return new Example("service-unavailable", null, "the ledger is not ready to answer: its database or read"
                + " models are not yet available; try again shortly");
    }

    static final List<String> PROBLEM_STATUSES = List.of("400", "401", "403", "404", "409", "422", "503");
}
