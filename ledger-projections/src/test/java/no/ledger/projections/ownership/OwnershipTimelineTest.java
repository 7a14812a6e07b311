package no.ledger.projections.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.ledger.core.company.OwnerKind;
import no.ledger.projections.ownership.OwnershipTimeline.Holding;
import no.ledger.projections.ownership.OwnershipTimeline.Movement;
import no.ledger.projections.timeline.Segment;
import org.junit.jupiter.api.Test;

class OwnershipTimelineTest {

    private static final LocalDate FOUNDED = LocalDate.of(2021, 7, 1);
    private static final LocalDate TRANSFERRED = LocalDate.of(2021, 9, 1);

    private static Map<String, Long> holdingsOn(List<Segment<Holding>> timeline, LocalDate day) {
        return timeline.stream().filter(segment -> segment.covers(day)).map(Segment::value)
                .collect(Collectors.toMap(Holding::owner, Holding::shares));
    }

    @Test
    void issuesAndATransferChangeHoldingsFromTheirDates() {
        List<Segment<Holding>> timeline = OwnershipTimeline.of(List.of(
                new Movement(null, null, "0301", OwnerKind.MUNICIPALITY, 500, FOUNDED),
                new Movement(null, null, "KS", OwnerKind.KS, 150, FOUNDED),
                new Movement("0301", OwnerKind.MUNICIPALITY, "1103", OwnerKind.MUNICIPALITY, 100, TRANSFERRED)));

        assertThat(holdingsOn(timeline, FOUNDED.minusDays(1))).isEmpty();
        assertThat(holdingsOn(timeline, FOUNDED)).isEqualTo(Map.of("0301", 500L, "KS", 150L));
        assertThat(holdingsOn(timeline, TRANSFERRED)).isEqualTo(Map.of("0301", 400L, "KS", 150L, "1103", 100L));
    }

    @Test
    void anOwnerWhoTransfersEverythingHasNoHoldingAfterwards() {
        List<Segment<Holding>> timeline = OwnershipTimeline.of(List.of(
                new Movement(null, null, "STATE", OwnerKind.STATE, 100, FOUNDED),
                new Movement("STATE", OwnerKind.STATE, "KS", OwnerKind.KS, 100, TRANSFERRED)));

        assertThat(holdingsOn(timeline, TRANSFERRED)).isEqualTo(Map.of("KS", 100L));
        assertThat(timeline).extracting(segment -> segment.value().owner()).containsExactlyInAnyOrder("STATE", "KS");
    }
}
