package no.ledger.projections.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import no.ledger.core.participation.AgreementStatus;
import no.ledger.core.participation.DeclarationStatus;
import no.ledger.core.programme.Thresholds;
import no.ledger.core.shared.HealthRegion;
import no.ledger.projections.coverage.Coverage.RegionCoverage;
import no.ledger.projections.participants.ParticipantRow;
import no.ledger.projections.participants.ParticipantStatus;
import org.junit.jupiter.api.Test;

class CoverageSummaryTest {

    private static final Thresholds AKSON = new Thresholds(new BigDecimal("0.5"), new BigDecimal("0.55"),
            new BigDecimal("0.85"));
    private static final LocalDate DEADLINE = LocalDate.of(2020, 7, 1);

    private static ParticipantRow row(String number, long population, DeclarationStatus declaration,
                                      AgreementStatus agreement) {
        ParticipantStatus status = new ParticipantStatus(declaration, agreement, false, null, null, null, null, null,
                null, null, null, null, null);
        return new ParticipantRow(number, "m" + number, "c", HealthRegion.VEST, population, DEADLINE, status);
    }

    @Test
    void exactlyHalfSignedIsNotMoreThanHalf() {
        RegionCoverage coverage = CoverageQueries.summarise(List.of(
                row("1", 50, DeclarationStatus.SIGNED, AgreementStatus.NONE),
                row("2", 50, DeclarationStatus.NOT_SIGNED, AgreementStatus.NONE)), AKSON);

        assertThat(coverage.declarations().share()).isEqualByComparingTo("0.5");
        assertThat(coverage.declarations().thresholdMet()).isFalse();
    }

    @Test
    void thresholdsAreMetByPopulationNotByNumberOfMunicipalities() {
        RegionCoverage coverage = CoverageQueries.summarise(List.of(
                row("1", 860, DeclarationStatus.SIGNED, AgreementStatus.COMMITMENT),
                row("2", 70, DeclarationStatus.WITHDRAWN, AgreementStatus.OPTION),
                row("3", 70, DeclarationStatus.NOT_SIGNED, AgreementStatus.NONE)), AKSON);

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
                row("1", 550, DeclarationStatus.SIGNED, AgreementStatus.COMMITMENT),
                row("2", 290, DeclarationStatus.SIGNED, AgreementStatus.OPTION),
                row("3", 160, DeclarationStatus.SIGNED, AgreementStatus.NONE)), AKSON);

        assertThat(coverage.commitments().thresholdMet()).isTrue();
        assertThat(coverage.procurement().thresholdMet()).isFalse();
        assertThat(coverage.options().thresholdMet()).isFalse();
    }

    @Test
    void anEmptyScopeHasZeroShares() {
        RegionCoverage coverage = CoverageQueries.summarise(List.of(), AKSON);

        assertThat(coverage.declarations().share()).isEqualByComparingTo("0");
        assertThat(coverage.declarations().thresholdMet()).isFalse();
    }
}
