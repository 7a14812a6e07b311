package no.ledger.api.imports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import no.ledger.core.shared.InvalidInput;

/**
 * One row of an import as read, with the problems found while reading its cells. The checks are those the POST of
 * one decision makes before its command is sent: present, well-formed, within the ledger's dates and lengths.
 */
final class ImportRow {

    private final int line;
    private final Map<String, String> cells;
    private final List<RowProblem> problems;

    ImportRow(int line, Map<String, String> cells, List<RowProblem> problems) {
        this.line = line;
        this.cells = cells;
        this.problems = problems;
    }

    int line() {
        return line;
    }

    private String cell(String field) {
        String value = cells.get(field);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private void problem(String field, String rule, String detail) {
        problems.add(new RowProblem(line, field, rule, detail));
    }

    String text(String field) {
        String value = cell(field);
        if (value == null) {
            problem(field, "required", "must not be blank");
        } else if (value.length() > InvalidInput.MAX_TEXT_LENGTH) {
            problem(field, "text-length", "must be at most " + InvalidInput.MAX_TEXT_LENGTH + " characters");
        }
        return value;
    }

    String optionalText(String field) {
        return cell(field) == null ? null : text(field);
    }

    String municipalityNumber(String field) {
        String value = text(field);
        if (value != null && !value.matches("\\d{4}")) {
            problem(field, "municipality-number", "must be a municipality number of four digits, such as 0301");
        }
        return value;
    }

    LocalDate date(String field) {
        String value = cell(field);
        if (value == null) {
            problem(field, "required", "must not be blank");
            return null;
        }
        return parseDate(field, value);
    }

    LocalDate optionalDate(String field) {
        String value = cell(field);
        return value == null ? null : parseDate(field, value);
    }

    private LocalDate parseDate(String field, String value) {
        try {
            LocalDate date = LocalDate.parse(value);
            InvalidInput.checkDate(date, field);
            return date;
        } catch (DateTimeParseException malformed) {
            problem(field, "date-format", "must be a date as 2020-07-01; got '" + value + "'");
        } catch (InvalidInput outOfRange) {
            problem(field, outOfRange.rule(), outOfRange.getMessage());
        }
        return null;
    }

    Long positiveWholeNumber(String field) {
        String value = cell(field);
        if (value == null) {
            problem(field, "required", "must not be blank");
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number <= 0) {
                problem(field, "shares-positive", "must be more than zero; got " + number);
            }
            return number;
        } catch (NumberFormatException malformed) {
            problem(field, "whole-number", "must be a whole number; got '" + value + "'");
            return null;
        }
    }
}
