package no.ledger.api.imports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file of one kind of decision, read whole: its rows as commands with their lines, and every problem found in
 * the header and the cells. Comma or semicolon separated (taken from the header row), with or without a byte-order
 * mark. Parsing is Jackson's CSV module's.
 */
record ImportFile(List<LineCommand> commands, List<RowProblem> problems) {

    /** A row's command, and the line it came from. */
    record LineCommand(int line, Object command) {
    }

    private static final CsvMapper CSV = new CsvMapper();

    static ImportFile read(ImportKind kind, String target, String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int firstLineEnd = body.indexOf('\n');
        String header = firstLineEnd < 0 ? body : body.substring(0, firstLineEnd);
        char separator = header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
        List<RowProblem> problems = new ArrayList<>();
        List<LineCommand> commands = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> reader = CSV.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvSchema.emptySchema().withColumnSeparator(separator))
                .readValues(body)) {
            while (reader.hasNextValue()) {
                rows.add(reader.nextValue());
            }
        } catch (IOException | RuntimeException unreadable) {
            problems.add(new RowProblem(rows.size() + 1, null, "csv-format",
                    "not readable as CSV: " + unreadable.getMessage()));
            return new ImportFile(commands, problems);
        }
        if (rows.isEmpty()) {
            problems.add(new RowProblem(1, null, "header-row", "the file is empty; the first row names the columns: "
                    + String.join(",", kind.requiredColumns())));
            return new ImportFile(commands, problems);
        }
        List<String> columns = rows.get(0).stream().map(String::strip).toList();
        for (String column : columns) {
            if (!kind.knows(column)) {
                problems.add(new RowProblem(1, column, "known-column", "'" + column + "' is not a field of "
                        + kind.kindName() + "; the fields are " + String.join(", ", kind.requiredColumns())));
            }
        }
        for (String required : kind.requiredColumns()) {
            if (!columns.contains(required)) {
                problems.add(new RowProblem(1, required, "required-column", "the header row must name " + required));
            }
        }
        if (!problems.isEmpty()) {
            return new ImportFile(commands, problems);
        }
        for (int index = 1; index < rows.size(); index++) {
            int line = index + 1;
            List<String> cells = rows.get(index);
            if (cells.stream().allMatch(cell -> cell == null || cell.isBlank())) {
                continue;
            }
            if (cells.size() > columns.size()) {
                problems.add(new RowProblem(line, null, "cells-per-row", "has " + cells.size()
                        + " cells; the header names " + columns.size()));
                continue;
            }
            Map<String, String> byColumn = new HashMap<>();
            for (int cell = 0; cell < cells.size(); cell++) {
                byColumn.put(columns.get(cell), cells.get(cell));
            }
            int problemsBefore = problems.size();
            Object command = kind.command(new ImportRow(line, byColumn, problems), target);
            if (problems.size() == problemsBefore) {
                commands.add(new LineCommand(line, command));
            }
        }
        if (commands.isEmpty() && problems.isEmpty()) {
            problems.add(new RowProblem(2, null, "some-rows", "the file has a header row but no decisions"));
        }
        return new ImportFile(commands, problems);
    }
}
