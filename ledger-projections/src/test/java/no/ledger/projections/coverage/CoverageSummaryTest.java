package no.ledger.projections.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import no.ledger.core.participation.AgreementStatus;
import no.ledger.core.participation.DeclarationStatus;
import no.ledger.core.programme.Thresholds;
import no.ledger.core.shared.HealthRegion;
import no.ledger.projections.coverage.Coverage.RegionCoverage;
import no.ledger.projections.participants.ParticipationTally;
import org.junit.jupiter.api.Test;

class CoverageSummaryTest {

    private static final Thresholds AKSON = new Thresholds(new BigDecimal("0.5"), new BigDecimal("0.55"),
            new BigDecimal("0.85"));

    /** One municipality of Helse Vest. */
    private static ParticipationTally municipality(long population, DeclarationStatus declaration,
                                                   AgreementStatus agreement) {
        return new ParticipationTally(HealthRegion.VEST, declaration, agreement, 1, population);
    }

    @Test
    void exactlyHalfSignedIsNotMoreThanHalf() {
        RegionCoverage coverage = CoverageQueries.summarise(List.of(
                municipality(50, DeclarationStatus.SIGNED, AgreementStatus.NONE),
                municipality(50, DeclarationStatus.NOT_SIGNED, AgreementStatus.NONE)), AKSON);

        assertThat(coverage.declarations().share()).isEqualByComparingTo("0.5");
        assertThat(coverage.declarations().thresholdMet()).isFalse();
    }

    @Test
    void thresholdsAreMetByPopulationNotByNumberOfMunicipalities() {
        RegionCoverage coverage = CoverageQueries.summarise(List.of(
                municipality(860, DeclarationStatus.SIGNED, AgreementStatus.COMMITMENT),
                municipality(70, DeclarationStatus.WITHDRAWN, AgreementStatus.OPTION),
                municipality(70, DeclarationStatus.NOT_SIGNED, AgreementStatus.NONE)), AKSON);

        assertThat(coverage.scope().population()).isEqualTo(1000);
        assertThat(coverage.declarations().municipalities()).isEqualTo(1);
        assertThat(coverage.declarations().thresholdMet()).isTrue();
        assertThat(coverage.commitments().share()).isEqualByComparingTo("0.86");
        assertThat(coverage.commitments().thresholdMet()).isTrue();
        assertThat(coverage.procurement().thresholdMet()).isTrue();
        assertThat(coverage.options().municipalities()).isEqualTo(1);
        assertThat(coverage.options().share()).isEqualByComparingTo("0.07");
        assertThat(coverage.options().thresholdMet()).isTrue();
    }

    @Test
    void optionsMeetTheirThresholdWhenExercisingThemWouldReachProcurement() {
        RegionCoverage coverage = CoverageQueries.summarise(List.of(
                municipality(550, DeclarationStatus.SIGNED, AgreementStatus.COMMITMENT),
                municipality(290, DeclarationStatus.SIGNED, AgreementStatus.OPTION),
                municipality(160, DeclarationStatus.SIGNED, AgreementStatus.NONE)), AKSON);

        assertThat(coverage.commitments().thresholdMet()).isTrue();
        assertThat(coverage.procurement().thresholdMet()).isFalse();
        assertThat(coverage.options().thresholdMet()).isFalse();
    }

    @Test
    void aTallyOfSeveralMunicipalitiesCountsEachOfThem() {
        RegionCoverage coverage = CoverageQueries.summarise(List.of(
                new ParticipationTally(HealthRegion.VEST, DeclarationStatus.SIGNED, AgreementStatus.OPTION, 3, 600),
                new ParticipationTally(HealthRegion.VEST, DeclarationStatus.NOT_SIGNED, AgreementStatus.NONE, 2, 400)),
                AKSON);

        assertThat(coverage.scope().municipalities()).isEqualTo(5);
        assertThat(coverage.scope().population()).isEqualTo(1000);
        assertThat(coverage.declarations().municipalities()).isEqualTo(3);
        assertThat(coverage.declarations().share()).isEqualByComparingTo("0.6");
        assertThat(coverage.options().municipalities()).isEqualTo(3);
        assertThat(coverage.commitments().municipalities()).isZero();
    }

    @Test
    void anEmptyScopeHasZeroShares() {
        RegionCoverage coverage = CoverageQueries.summarise(List.of(), AKSON);

        assertThat(coverage.declarations().share()).isEqualByComparingTo("0");
        assertThat(coverage.declarations().thresholdMet()).isFalse();
    }
}
