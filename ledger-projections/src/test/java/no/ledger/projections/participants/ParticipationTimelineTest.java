package no.ledger.projections.participants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import no.ledger.core.participation.AgreementStatus;
import no.ledger.core.participation.DeclarationSigned;
import no.ledger.core.participation.DeclarationStatus;
import no.ledger.core.participation.DeclarationWithdrawn;
import no.ledger.core.participation.ExtensionGranted;
import no.ledger.core.participation.OptionAgreementEntered;
import no.ledger.core.participation.OptionExercised;
import no.ledger.projections.timeline.Segment;
import no.ledger.projections.timeline.TimeBounds;
import org.junit.jupiter.api.Test;

class ParticipationTimelineTest {

    private static final LocalDate JUNE_15 = LocalDate.of(2020, 6, 15);
    private static final LocalDate SEPTEMBER_1 = LocalDate.of(2020, 9, 1);

    private static ParticipantStatus on(List<Segment<ParticipantStatus>> timeline, LocalDate day) {
        return timeline.stream().filter(segment -> segment.covers(day)).map(Segment::value).findFirst()
                .orElse(ParticipantStatus.NOT_PARTICIPATING);
    }

    @Test
    void noDecisionsNoSegments() {
        assertThat(ParticipationTimeline.of(List.of())).isEmpty();
    }

    @Test
    void aSignatureAndAWithdrawalSplitTimeAtTheirDates() {
        List<Segment<ParticipantStatus>> timeline = ParticipationTimeline.of(List.of(
                new DeclarationSigned("akson", "0301", JUNE_15, "PS 1", "ordfører"),
                new DeclarationWithdrawn("akson", "0301", SEPTEMBER_1, "nytt styre", null)));

        assertThat(timeline).extracting(Segment::validFrom, Segment::validTo).containsExactly(
                org.assertj.core.groups.Tuple.tuple(JUNE_15, SEPTEMBER_1),
                org.assertj.core.groups.Tuple.tuple(SEPTEMBER_1, TimeBounds.OPEN_DATE));
        assertThat(on(timeline, JUNE_15.minusDays(1)).declaration()).isEqualTo(DeclarationStatus.NOT_SIGNED);
        assertThat(on(timeline, JUNE_15).declaration()).isEqualTo(DeclarationStatus.SIGNED);
        assertThat(on(timeline, SEPTEMBER_1.minusDays(1)).declaration()).isEqualTo(DeclarationStatus.SIGNED);
        assertThat(on(timeline, SEPTEMBER_1).declaration()).isEqualTo(DeclarationStatus.WITHDRAWN);
        assertThat(on(timeline, SEPTEMBER_1).withdrawnOn()).isEqualTo(SEPTEMBER_1);
    }

    @Test
    void decisionsRecordedOutOfDateOrderAreFoldedInDateOrder() {
        // The extension was granted on 29 June but registered after the signature it made possible.
        List<Segment<ParticipantStatus>> timeline = ParticipationTimeline.of(List.of(
                new DeclarationSigned("akson", "4601", LocalDate.of(2020, 7, 5), "BY 7", "ordfører"),
                new ExtensionGranted("akson", "4601", LocalDate.of(2020, 6, 29), LocalDate.of(2020, 7, 7), "møte",
                        null)));

        assertThat(on(timeline, LocalDate.of(2020, 6, 30)).extendedDeadline()).isEqualTo(LocalDate.of(2020, 7, 7));
        assertThat(on(timeline, LocalDate.of(2020, 6, 30)).declaration()).isEqualTo(DeclarationStatus.NOT_SIGNED);
        assertThat(on(timeline, LocalDate.of(2020, 7, 5)).declaration()).isEqualTo(DeclarationStatus.SIGNED);
    }

    @Test
    void anOptionInForceUntilItsExpiryDayThenNone() {
        LocalDate entered = LocalDate.of(2020, 11, 1);
        LocalDate expires = LocalDate.of(2021, 3, 31);
        List<Segment<ParticipantStatus>> timeline = ParticipationTimeline.of(List.of(
                new OptionAgreementEntered("akson", "5401", entered, "PS 81", expires)));

        assertThat(timeline).hasSize(2);
        assertThat(on(timeline, expires).agreement()).isEqualTo(AgreementStatus.OPTION);
        assertThat(on(timeline, expires.plusDays(1)).agreement()).isEqualTo(AgreementStatus.NONE);
        assertThat(on(timeline, expires.plusDays(1)).optionExpiresOn()).isEqualTo(expires);
    }

    @Test
    void anExercisedOptionIsACommitmentViaTheOption() {
        LocalDate exercised = LocalDate.of(2021, 6, 1);
        List<Segment<ParticipantStatus>> timeline = ParticipationTimeline.of(List.of(
                new OptionAgreementEntered("akson", "1103", LocalDate.of(2020, 11, 1), "PS 80", null),
                new OptionExercised("akson", "1103", exercised, "PS 40")));

        ParticipantStatus committed = on(timeline, exercised);
        assertThat(committed.agreement()).isEqualTo(AgreementStatus.COMMITMENT);
        assertThat(committed.viaOption()).isTrue();
        assertThat(committed.commitmentEnteredOn()).isEqualTo(exercised);
        assertThat(on(timeline, exercised.minusDays(1)).agreement()).isEqualTo(AgreementStatus.OPTION);
        assertThat(on(timeline, exercised.minusDays(1)).viaOption()).isFalse();
    }
}
