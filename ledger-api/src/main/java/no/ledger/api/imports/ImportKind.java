package no.ledger.api.imports;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import no.ledger.core.company.IssueShares;
import no.ledger.core.participation.EnterCommitmentAgreement;
import no.ledger.core.participation.EnterOptionAgreement;
import no.ledger.core.participation.ExerciseOption;
import no.ledger.core.participation.GrantExtension;
import no.ledger.core.participation.SignDeclaration;

/**
 * The kinds of decision that may be imported, each with the fields of its POST body as CSV columns, and how a row
 * becomes the very command that POST sends. {@code target} is the programme, or for share issues the company.
 */
public enum ImportKind {

    DECLARATIONS("declarations", "programme", List.of("number", "signedOn", "decisionReference", "signatory"),
            List.of(), (row, programme) -> new SignDeclaration(programme, row.municipalityNumber("number"),
                    row.date("signedOn"), row.text("decisionReference"), row.text("signatory"))),
    EXTENSIONS("extensions", "programme", List.of("number", "grantedOn", "newDeadline", "reason"),
            List.of("reference"), (row, programme) -> new GrantExtension(programme, row.municipalityNumber("number"),
                    row.date("grantedOn"), row.date("newDeadline"), row.text("reason"),
                    row.optionalText("reference"))),
    COMMITMENTS("commitments", "programme", List.of("number", "enteredOn", "decisionReference"), List.of(),
            (row, programme) -> new EnterCommitmentAgreement(programme, row.municipalityNumber("number"),
                    row.date("enteredOn"), row.text("decisionReference"))),
    OPTIONS("options", "programme", List.of("number", "enteredOn", "decisionReference"), List.of("expiresOn"),
            (row, programme) -> new EnterOptionAgreement(programme, row.municipalityNumber("number"),
                    row.date("enteredOn"), row.text("decisionReference"), row.optionalDate("expiresOn"))),
    EXERCISES("exercises", "programme", List.of("number", "exercisedOn", "decisionReference"), List.of(),
            (row, programme) -> new ExerciseOption(programme, row.municipalityNumber("number"),
                    row.date("exercisedOn"), row.text("decisionReference"))),
    SHARE_ISSUES("share-issues", "company", List.of("owner", "shares", "issuedOn"), List.of("reference"),
            (row, company) -> new IssueShares(company, row.text("owner"), orZero(row.positiveWholeNumber("shares")),
                    row.date("issuedOn"), row.optionalText("reference")));

    private final String name;
    private final String targetParameter;
    private final List<String> requiredColumns;
    private final List<String> optionalColumns;
    private final BiFunction<ImportRow, String, Object> command;

    ImportKind(String name, String targetParameter, List<String> requiredColumns, List<String> optionalColumns,
               BiFunction<ImportRow, String, Object> command) {
        this.name = name;
        this.targetParameter = targetParameter;
        this.requiredColumns = requiredColumns;
        this.optionalColumns = optionalColumns;
        this.command = command;
    }

    public static Optional<ImportKind> named(String name) {
        return Arrays.stream(values()).filter(kind -> kind.name.equals(name)).findFirst();
    }

    public String kindName() {
        return name;
    }

    /** The query parameter that names the programme or company the decisions belong to. */
    public String targetParameter() {
        return targetParameter;
    }

    public List<String> requiredColumns() {
        return requiredColumns;
    }

    public boolean knows(String column) {
        return requiredColumns.contains(column) || optionalColumns.contains(column);
    }

    Object command(ImportRow row, String target) {
        return command.apply(row, target);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
