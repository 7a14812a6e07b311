package no.ledger.projections.coverage;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import no.ledger.core.participation.AgreementStatus;
import no.ledger.core.participation.DeclarationStatus;
import no.ledger.core.programme.Thresholds;
import no.ledger.projections.Shares;
import no.ledger.core.shared.HealthRegion;
import no.ledger.projections.coverage.Coverage.Count;
import no.ledger.projections.coverage.Coverage.RegionCoverage;
import no.ledger.projections.coverage.Coverage.Scope;
import no.ledger.projections.participants.ParticipantRow;
import no.ledger.projections.participants.ParticipantsQueries;
import no.ledger.projections.participants.ProgrammeInfo;
import no.ledger.projections.timeline.AsOf;
import org.springframework.stereotype.Component;

/**
 * Population coverage against a programme's thresholds, summed from its participants at the point in time:
 * <ul>
 *   <li>declarations: signed declarations in force, against the declaration threshold (strictly more than);</li>
 *   <li>commitments: commitment agreements (entered, or options exercised), against the commitment threshold;</li>
 *   <li>options: options in force; their threshold is met when commitments and options together would reach the
 *       procurement threshold, were every option exercised;</li>
 *   <li>procurement: commitments again, against the procurement threshold.</li>
 * </ul>
 */
@Component
public class CoverageQueries {

    private final ParticipantsQueries participants;

    public CoverageQueries(ParticipantsQueries participants) {
        this.participants = participants;
    }

    public Coverage coverage(String programmeId, AsOf at) {
        ProgrammeInfo programme = participants.programme(programmeId, at);
        List<ParticipantRow> rows = participants.participants(programme, at);
        Map<HealthRegion, RegionCoverage> byRegion = new EnumMap<>(HealthRegion.class);
        for (HealthRegion region : programme.scope()) {
            byRegion.put(region, summarise(rows.stream().filter(row -> row.healthRegion() == region).toList(),
                    programme.thresholds()));
        }
        RegionCoverage total = summarise(rows, programme.thresholds());
        return new Coverage(programmeId, at.asOf(), at.knownAt(), total.scope(), total.declarations(),
                total.commitments(), total.options(), total.procurement(), byRegion);
    }

    static RegionCoverage summarise(List<ParticipantRow> rows, Thresholds thresholds) {
        Scope scope = new Scope(rows.size(), population(rows, row -> true));
        Predicate<ParticipantRow> signed = row -> row.status().declaration() == DeclarationStatus.SIGNED;
        Predicate<ParticipantRow> committed = row -> row.status().agreement() == AgreementStatus.COMMITMENT;
        Predicate<ParticipantRow> optioned = row -> row.status().agreement() == AgreementStatus.OPTION;
        long signedPopulation = population(rows, signed);
        long committedPopulation = population(rows, committed);
        long optionPopulation = population(rows, optioned);
        Count declarations = count(rows, signed, signedPopulation, scope, thresholds.declaration(),
                thresholds.declarationMet(signedPopulation, scope.population()));
        Count commitments = count(rows, committed, committedPopulation, scope, thresholds.commitment(),
                thresholds.commitmentMet(committedPopulation, scope.population()));
        Count options = count(rows, optioned, optionPopulation, scope, thresholds.procurement(),
                thresholds.procurementWithinReach(committedPopulation, optionPopulation, scope.population()));
        Count procurement = count(rows, committed, committedPopulation, scope, thresholds.procurement(),
                thresholds.procurementMet(committedPopulation, scope.population()));
        return new RegionCoverage(scope, declarations, commitments, options, procurement);
    }

    private static Count count(List<ParticipantRow> rows, Predicate<ParticipantRow> included, long population,
                               Scope scope, BigDecimal threshold, boolean met) {
        int municipalities = (int) rows.stream().filter(included).count();
        return new Count(municipalities, population, Shares.of(population, scope.population()), threshold, met);
    }

    /** Summed exactly: an overflow fails the query rather than showing a wrapped, negative figure. */
    private static long population(List<ParticipantRow> rows, Predicate<ParticipantRow> included) {
        return rows.stream().filter(included).mapToLong(ParticipantRow::population).reduce(0L, Math::addExact);
    }
}
