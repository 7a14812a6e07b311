package no.ledger.api.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A rebuild of the read models as it stands. {@code state} is {@code RUNNING}, {@code DONE} or {@code FAILED};
 * {@code phase} says what a running one does: {@code COPYING} (folding the history into new tables beside the live
 * ones, which keep answering), {@code CATCHING_UP} (folding what was recorded meanwhile), {@code SWITCHING} (putting
 * the new tables in place of the old, at once), then {@code DONE}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ReadModelRebuild", description = "A rebuild of every read model and its progress.")
public record RebuildStatus(
        @Schema(example = "3") long rebuildId,
        @Schema(example = "RUNNING", allowableValues = {"RUNNING", "DONE", "FAILED"}) String state,
        @Schema(example = "COPYING", allowableValues = {"COPYING", "CATCHING_UP", "SWITCHING", "DONE", "FAILED"})
        String phase,
        @Schema(example = "operator") String requestedBy,
        @Schema(description = "The instance that runs it.") String instance,
        Instant requestedAt,
        Instant finishedAt,
        @Schema(description = "Events folded so far.", example = "420000") long eventsDone,
        @Schema(description = "Events in all up to the position the copy started from; null until counted.",
                example = "1000000") Long eventsInAll,
        @Schema(description = "Events folded per second so far.", example = "52000") Double eventsPerSecond,
        @Schema(description = "When the copy is expected to be done, at the rate so far.") Instant expectedEnd,
        @Schema(description = "Why it failed, for a failed one.") String failure) {
}
