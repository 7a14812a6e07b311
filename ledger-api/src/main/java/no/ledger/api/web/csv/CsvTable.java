package no.ledger.api.web.csv;

import java.util.List;

/**
 * A table as a CSV shows it: the name a download is saved under, the header's column names, and one row of cells a
 * line in the same order.
 */
public record CsvTable(String fileName, List<String> columns, List<List<Object>> rows) {
}
