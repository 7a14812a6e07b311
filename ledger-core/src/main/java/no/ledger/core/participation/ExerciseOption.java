package no.ledger.core.participation;

import java.time.LocalDate;

/** Exercise an option in force, which makes it a commitment (as Trondheim did in Helseplattformen). */
public record ExerciseOption(String programmeId, String number, LocalDate exercisedOn, String decisionReference) implements ParticipationCommand {
}
