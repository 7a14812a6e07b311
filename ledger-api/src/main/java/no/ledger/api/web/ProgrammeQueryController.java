package no.ledger.api.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import no.ledger.api.web.InputFormats.Identifier;
import no.ledger.api.web.InputFormats.MunicipalityNumber;
import no.ledger.core.participation.AgreementStatus;
import no.ledger.core.participation.DeclarationStatus;
import no.ledger.core.shared.HealthRegion;
import no.ledger.projections.coverage.Coverage;
import no.ledger.projections.coverage.CoverageQueries;
import no.ledger.projections.coverage.CoverageTimeline;
import no.ledger.projections.coverage.CoverageTimelineQueries;
import no.ledger.projections.participants.ParticipantRow;
import no.ledger.projections.participants.ParticipantStatus;
import no.ledger.projections.participants.ParticipantsQueries;
import no.ledger.projections.participants.ProgrammeInfo;
import no.ledger.projections.timeline.AsOf;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Coverage and participants of a programme, at the end of day {@code asOf} as known at {@code knownAt}. */
@RestController
@RequestMapping("/api/programmes/{programme}")
public class ProgrammeQueryController {

    private final CoverageQueries coverage;
    private final CoverageTimelineQueries coverageTimeline;
    private final ParticipantsQueries participants;
    private final PointInTime pointInTime;

    public ProgrammeQueryController(CoverageQueries coverage, CoverageTimelineQueries coverageTimeline,
                                    ParticipantsQueries participants, PointInTime pointInTime) {
        this.coverage = coverage;
        this.coverageTimeline = coverageTimeline;
        this.participants = participants;
        this.pointInTime = pointInTime;
    }

    @Operation(operationId = "getCoverage", summary = "Coverage of a programme",
            description = "How much of the in-scope population has signed, committed or holds an option, against the "
                    + "programme's thresholds, in all and by health region.")
    @GetMapping("/coverage")
    public Coverage coverage(@PathVariable @Identifier String programme,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                             @RequestParam(required = false) Instant knownAt) {
        return coverage.coverage(programme, pointInTime.of(asOf, knownAt));
    }

    /**
     * The coverage on every date in {@code [from, to]} on which it changed, as known at {@code knownAt}; {@code from}
     * defaults to the first of January two years before {@code to}, {@code to} to today.
     */
    @Operation(operationId = "getCoverageTimeline", summary = "Coverage over time",
            description = "The coverage on every date it changed between `from` and `to`, as known at `knownAt`, and "
                    + "the date each threshold was first met.")
    @GetMapping("/coverage/timeline")
    public CoverageTimeline coverageTimeline(@PathVariable @Identifier String programme,
                                             @RequestParam(required = false)
                                             @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                             @RequestParam(required = false)
                                             @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                             @RequestParam(required = false) Instant knownAt) {
        AsOf until = pointInTime.of(to, knownAt);
        LocalDate start = from != null ? from : until.asOf().minusYears(2).withDayOfYear(1);
        pointInTime.of(start, knownAt);
        return coverageTimeline.timeline(programme, start, until.asOf(), until);
    }

    /** A participant's row as other systems read it; {@code deadline} is the declaration deadline in force. */
    public record Participant(String number, String name, String county, HealthRegion healthRegion,
                              long population, DeclarationStatus declaration, LocalDate deadline,
                              AgreementStatus agreement, boolean viaOption) {

        static Participant of(ParticipantRow row) {
            ParticipantStatus status = row.status();
            return new Participant(row.number(), row.name(), row.county(), row.healthRegion(), row.population(),
                    status.declaration(), row.deadline(), status.agreement(), status.viaOption());
        }
    }

    public record Participants(String programme, LocalDate asOf, Instant knownAt, int count,
                               List<Participant> participants) {
    }

    /**
     * The participants, filtered by declaration, agreement, health region and a search in name or number ({@code q},
     * case-insensitive), and sorted by a field ({@code sort=name}, {@code sort=-population} for descending; by
     * number when not given), so that a page and its CSV download show the same rows in the same order.
     */
    @Operation(operationId = "listParticipants", summary = "Participants of a programme",
            description = "One row a municipality in scope: its declaration, the deadline in force for it, and its "
                    + "agreement; filters `declaration`, `agreement`, `region` and `q` (name or number), "
                    + "sorted by `sort` (a field, `-field` descending).")
    @GetMapping("/participants")
    public Participants participants(@PathVariable @Identifier String programme,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                     LocalDate asOf,
                                     @RequestParam(required = false) Instant knownAt,
                                     @RequestParam(required = false) DeclarationStatus declaration,
                                     @RequestParam(required = false) AgreementStatus agreement,
                                     @RequestParam(required = false) HealthRegion region,
                                     @RequestParam(required = false) String q,
                                     @RequestParam(required = false) String sort) {
        AsOf at = pointInTime.of(asOf, knownAt);
        ProgrammeInfo info = participants.programme(programme, at);
        String search = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        List<Participant> rows = participants.participants(info, at).stream()
                .filter(row -> declaration == null || row.status().declaration() == declaration)
                .filter(row -> agreement == null || row.status().agreement() == agreement)
                .filter(row -> region == null || row.healthRegion() == region)
                .filter(row -> search.isEmpty() || row.number().startsWith(search)
                        || row.name().toLowerCase(Locale.ROOT).contains(search))
                .map(Participant::of)
                .sorted(ParticipantOrder.of(sort))
                .toList();
        return new Participants(programme, at.asOf(), at.knownAt(), rows.size(), rows);
    }

    /** One participant with the dates of each of its decisions in force. */
    public record ParticipantDetail(String programme, LocalDate asOf, Instant knownAt, String number, String name,
                                    String county, HealthRegion healthRegion, long population,
                                    DeclarationStatus declaration, LocalDate deadline, AgreementStatus agreement,
                                    boolean viaOption, LocalDate invitedOn, LocalDate signedOn,
                                    LocalDate withdrawnOn, LocalDate extensionGrantedOn, LocalDate optionEnteredOn,
                                    LocalDate optionExpiresOn, LocalDate optionExercisedOn,
                                    LocalDate optionLapsedOn, LocalDate commitmentEnteredOn) {
    }

    @Operation(operationId = "getParticipant", summary = "One participant",
            description = "A municipality's row in the programme, with the date of each of its decisions in force.")
    @GetMapping("/participants/{number}")
    public ParticipantDetail participant(@PathVariable @Identifier String programme,
                                         @PathVariable @MunicipalityNumber String number,
                                         @RequestParam(required = false)
                                         @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                         @RequestParam(required = false) Instant knownAt) {
        AsOf at = pointInTime.of(asOf, knownAt);
        ParticipantRow row = participants.participant(participants.programme(programme, at), number, at);
        ParticipantStatus status = row.status();
        return new ParticipantDetail(programme, at.asOf(), at.knownAt(), row.number(), row.name(), row.county(),
                row.healthRegion(), row.population(), status.declaration(), row.deadline(), status.agreement(),
                status.viaOption(), status.invitedOn(), status.signedOn(), status.withdrawnOn(),
                status.extensionGrantedOn(), status.optionEnteredOn(), status.optionExpiresOn(),
                status.optionExercisedOn(), status.optionLapsedOn(), status.commitmentEnteredOn());
    }
}
