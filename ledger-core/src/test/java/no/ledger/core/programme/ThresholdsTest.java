package no.ledger.core.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    private static final Thresholds AKSON = new Thresholds(new BigDecimal("0.50"), new BigDecimal("0.55"),
            new BigDecimal("0.85"));
    /** Akson's scope: the population of the 291 municipalities outside Midt-Norge on 1 January 2020. */
    private static final long SCOPE = 4_632_214;

    @Test
    void declarationsMustCoverStrictlyMoreThanHalf() {
        // Exactly half of Akson's scope is 2,316,107 inhabitants: that is not more than half.
        assertThat(AKSON.declarationMet(2_316_107, SCOPE)).isFalse();
        assertThat(AKSON.declarationMet(2_316_108, SCOPE)).isTrue();
    }

    @Test
    void commitmentsMustCoverAtLeastFiftyFivePercent() {
        assertThat(AKSON.commitmentMet(2_547_718, SCOPE)).isTrue();
        assertThat(AKSON.commitmentMet(2_547_717, SCOPE)).isFalse();
        assertThat(AKSON.commitmentMet(55, 100)).isTrue();
    }

    @Test
    void procurementNeedsAtLeastEightyFivePercentCommitted() {
        assertThat(AKSON.procurementMet(3_937_382, SCOPE)).isTrue();
        assertThat(AKSON.procurementMet(3_937_381, SCOPE)).isFalse();
    }

    @Test
    void procurementIsWithinReachWhenExercisingEveryOptionWouldMeetIt() {
        assertThat(AKSON.procurementWithinReach(3_000_000, 937_382, SCOPE)).isTrue();
        assertThat(AKSON.procurementWithinReach(3_000_000, 937_381, SCOPE)).isFalse();
    }

    @Test
    void anEmptyScopeMeetsNoThreshold() {
        assertThat(AKSON.declarationMet(0, 0)).isFalse();
        assertThat(AKSON.commitmentMet(0, 0)).isFalse();
        assertThat(AKSON.procurementMet(0, 0)).isFalse();
    }
}
