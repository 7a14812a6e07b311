package no.ledger.api.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An import as it stands: {@code RUNNING}, {@code DONE} (every row recorded) or {@code FAILED} (nothing recorded;
 * {@code problems} says which row was refused). {@code recorded} lists each row's line and the id of the event it
 * recorded. {@code duplicate} is true when this answer is to a file that had been imported before, so nothing was
 * recorded this time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportStatus(String id, String kind, String target, String state, int rowsInAll, int rowsDone,
                           String recordedBy, Instant startedAt, Instant finishedAt, Boolean duplicate,
                           List<RowProblem> problems, List<RecordedRow> recorded) {

    public record RecordedRow(int line, String eventId) {
    }

    ImportStatus asDuplicate() {
        return new ImportStatus(id, kind, target, state, rowsInAll, rowsDone, recordedBy, startedAt, finishedAt,
                true, problems, recorded);
    }
}
