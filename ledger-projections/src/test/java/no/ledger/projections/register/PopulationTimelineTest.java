package no.ledger.projections.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import no.ledger.projections.register.PopulationTimeline.Count;
import no.ledger.projections.timeline.Segment;
import no.ledger.projections.timeline.TimeBounds;
import org.junit.jupiter.api.Test;

class PopulationTimelineTest {

    @Test
    void eachCountHoldsUntilTheNextWhateverTheOrderTheyWereRecordedIn() {
        LocalDate y2020 = LocalDate.of(2020, 1, 1);
        LocalDate y2021 = LocalDate.of(2021, 1, 1);

        List<Segment<Long>> timeline = PopulationTimeline.of(List.of(new Count(y2021, 52_803),
                new Count(y2020, 52_357)));

        assertThat(timeline).containsExactly(new Segment<>(y2020, y2021, 52_357L),
                new Segment<>(y2021, TimeBounds.OPEN_DATE, 52_803L));
    }
}
