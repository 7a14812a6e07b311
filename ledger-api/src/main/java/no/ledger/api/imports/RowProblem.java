package no.ledger.api.imports;

/**
 * Why one row of an import was rejected: its line as a spreadsheet shows it (the header is line 1), the field, the
 * rule it broke (the same rule names as the POST of one decision) and what was wrong.
 */
public record RowProblem(int line, String field, String rule, String detail) {
}
