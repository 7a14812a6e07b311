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
import no.ledger.projections.participants.ParticipationTally;
import no.ledger.projections.participants.ParticipantsQueries;
import no.ledger.projections.participants.ProgrammeInfo;
import no.ledger.projections.timeline.AsOf;
import org.springframework.stereotype.Component;

/**
 * Population coverage against a programme's thresholds, summed from its participants at the point in time (the
 * database counts them by region, declaration and agreement; the rules are applied here):
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
        List<ParticipationTally> tallies = participants.tallies(programme, at);
        Map<HealthRegion, RegionCoverage> byRegion = new EnumMap<>(HealthRegion.class);
        for (HealthRegion region : programme.scope()) {
            byRegion.put(region, summarise(tallies.stream().filter(tally -> tally.healthRegion() == region).toList(),
                    programme.thresholds()));
        }
        RegionCoverage total = summarise(tallies, programme.thresholds());
        return new Coverage(programmeId, at.asOf(), at.knownAt(), total.scope(), total.declarations(),
                total.commitments(), total.options(), total.procurement(), byRegion);
    }

    static RegionCoverage summarise(List<ParticipationTally> tallies, Thresholds thresholds) {
        Scope scope = new Scope(municipalities(tallies, tally -> true), population(tallies, tally -> true));
        Predicate<ParticipationTally> signed = tally -> tally.declaration() == DeclarationStatus.SIGNED;
        Predicate<ParticipationTally> committed = tally -> tally.agreement() == AgreementStatus.COMMITMENT;
        Predicate<ParticipationTally> optioned = tally -> tally.agreement() == AgreementStatus.OPTION;
        long signedPopulation = population(tallies, signed);
        long committedPopulation = population(tallies, committed);
        long optionPopulation = population(tallies, optioned);
        Count declarations = count(tallies, signed, signedPopulation, scope, thresholds.declaration(),
                thresholds.declarationMet(signedPopulation, scope.population()));
        Count commitments = count(tallies, committed, committedPopulation, scope, thresholds.commitment(),
                thresholds.commitmentMet(committedPopulation, scope.population()));
        Count options = count(tallies, optioned, optionPopulation, scope, thresholds.procurement(),
                thresholds.procurementWithinReach(committedPopulation, optionPopulation, scope.population()));
        Count procurement = count(tallies, committed, committedPopulation, scope, thresholds.procurement(),
                thresholds.procurementMet(committedPopulation, scope.population()));
        return new RegionCoverage(scope, declarations, commitments, options, procurement);
    }

    private static Count count(List<ParticipationTally> tallies, Predicate<ParticipationTally> included,
                               long population, Scope scope, BigDecimal threshold, boolean met) {
        return new Count(municipalities(tallies, included), population, Shares.of(population, scope.population()),
                threshold, met);
    }

    private static int municipalities(List<ParticipationTally> tallies, Predicate<ParticipationTally> included) {
        return tallies.stream().filter(included).mapToInt(ParticipationTally::municipalities).sum();
    }

    /** Summed exactly: an overflow fails the query rather than showing a wrapped, negative figure. */
    private static long population(List<ParticipationTally> tallies, Predicate<ParticipationTally> included) {
        return tallies.stream().filter(included).mapToLong(ParticipationTally::population)
                .reduce(0L, Math::addExact);
    }
}
