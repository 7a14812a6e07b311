package no.ledger.api.imports;

import java.util.List;

/** A file with rows that the ledger would refuse: nothing of it was recorded. */
public class ImportRejected extends RuntimeException {

    private final int rowsInAll;
    private final List<RowProblem> problems;

    ImportRejected(int rowsInAll, List<RowProblem> problems) {
        super(problems.size() + " row problem(s); nothing was recorded");
        this.rowsInAll = rowsInAll;
        this.problems = List.copyOf(problems);
    }

    public int rowsInAll() {
        return rowsInAll;
    }

    public List<RowProblem> problems() {
        return problems;
    }
}
