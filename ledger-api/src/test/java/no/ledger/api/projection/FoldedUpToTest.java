package no.ledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A token's position is not enough to call a read model caught up: an event committed late, into a gap the
 * processor had passed, is not folded yet. Events stand at global indexes 1, 2, 4 and 5; index 3 was taken by a
 * transaction that rolled back.
 */
class FoldedUpToTest {

    private final JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(
            "jdbc:h2:mem:folded_up_to;DB_CLOSE_DELAY=-1", "sa", "", true));
    private final FoldedUpTo foldedUpTo = new FoldedUpTo(jdbc);

    @BeforeEach
    void eventsWithAHole() {
        jdbc.execute("DROP TABLE IF EXISTS domain_event_entry");
        jdbc.execute("CREATE TABLE domain_event_entry (global_index BIGINT PRIMARY KEY)");
        for (long index : List.of(1L, 2L, 4L, 5L)) {
            jdbc.update("INSERT INTO domain_event_entry (global_index) VALUES (?)", index);
        }
    }

    @Test
    void aTokenPastThePositionWithoutGapsCoversIt() {
        assertThat(foldedUpTo.covers(GapAwareTrackingToken.newInstance(5, List.of()), 5)).isTrue();
        assertThat(foldedUpTo.covers(new GlobalSequenceTrackingToken(5), 4)).isTrue();
    }

    @Test
    void aTokenShortOfThePositionDoesNot() {
        assertThat(foldedUpTo.covers(GapAwareTrackingToken.newInstance(4, List.of()), 5)).isFalse();
        assertThat(foldedUpTo.covers(null, 0)).isFalse();
    }

    @Test
    void aGapWhereAnEventWasCommittedSinceIsNotFoldedYet() {
        GapAwareTrackingToken passedEventTwo = GapAwareTrackingToken.newInstance(5, List.of(2L, 3L));

        assertThat(foldedUpTo.covers(passedEventTwo, 5)).isFalse();
        // Below the late event, everything is folded.
        assertThat(foldedUpTo.covers(passedEventTwo, 1)).isTrue();
    }

    @Test
    void aGapWithNoEventIsNoEventMissed() {
        assertThat(foldedUpTo.covers(GapAwareTrackingToken.newInstance(5, List.of(3L)), 5)).isTrue();
    }

    @Test
    void aGapAboveThePositionDoesNotMatter() {
        assertThat(foldedUpTo.covers(GapAwareTrackingToken.newInstance(6, List.of(5L)), 4)).isTrue();
    }

    @Test
    void aSegmentBeingReplayedCountsFromWhereItsReplayHasCome() {
        ReplayToken replaying = (ReplayToken) ReplayToken.createReplayToken(
                GapAwareTrackingToken.newInstance(5, List.of()), GapAwareTrackingToken.newInstance(2, List.of()));

        assertThat(foldedUpTo.covers(replaying, 2)).isTrue();
        assertThat(foldedUpTo.covers(replaying, 4)).isFalse();
    }

    @Test
    void thousandsOfGapsAreAskedAboutInParts() {
        // A token left with gaps 6 to 2,005, all empty, and then one late event among them.
        List<Long> gaps = LongStream.rangeClosed(6, 2_005).boxed().toList();
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(2_006, gaps);
        assertThat(foldedUpTo.covers(token, 2_006)).isTrue();

        jdbc.update("INSERT INTO domain_event_entry (global_index) VALUES (1900)");
        assertThat(foldedUpTo.covers(token, 2_006)).isFalse();
    }
}
