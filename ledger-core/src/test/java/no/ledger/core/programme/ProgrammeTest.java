package no.ledger.core.programme;

import static no.ledger.core.shared.BrokenRule.brokenRule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import no.ledger.core.shared.HealthRegion;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProgrammeTest {

    private static final LocalDate INVITED = LocalDate.of(2020, 4, 24);
    private static final LocalDate DEADLINE = LocalDate.of(2020, 7, 1);
    private static final Thresholds AKSON_THRESHOLDS = new Thresholds(new BigDecimal("0.50"),
            new BigDecimal("0.55"), new BigDecimal("0.85"));

    private FixtureConfiguration<Programme> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Programme.class);
    }

    @Test
    void definesAkson() {
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("akson", "Akson", List.of("NORD", "VEST", "SOR_OST"), DEADLINE,
                        AKSON_THRESHOLDS, INVITED, "20/1554"))
                .expectEvents(new ProgrammeDefined("akson", "Akson",
                        List.of(HealthRegion.NORD, HealthRegion.VEST, HealthRegion.SOR_OST), DEADLINE,
                        AKSON_THRESHOLDS, INVITED, "20/1554"));
    }

    @Test
    void aProgrammeIsDefinedOnce() {
        fixture.given(new ProgrammeDefined("akson", "Akson", List.of(HealthRegion.NORD), DEADLINE, AKSON_THRESHOLDS,
                        INVITED, null))
                .when(new DefineProgramme("akson", "Akson", List.of("NORD"), DEADLINE, AKSON_THRESHOLDS, INVITED,
                        null))
                .expectNoEvents()
                .expectException(ProgrammeAlreadyDefined.class);
    }

    @Test
    void theIdIsLowerCaseWordsAndDashes() {
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("Akson 2020", "Akson", List.of("NORD"), DEADLINE, AKSON_THRESHOLDS,
                        INVITED, null))
                .expectNoEvents()
                .expectException(brokenRule("identifier-format", "id"));
    }

    @Test
    void theScopeHasAtLeastOneRegion() {
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("akson", "Akson", List.of(), DEADLINE, AKSON_THRESHOLDS, INVITED, null))
                .expectNoEvents()
                .expectException(brokenRule("scope-not-empty", "scopeRegions"));
    }

    @Test
    void theScopeNamesKnownRegionsOnce() {
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("akson", "Akson", List.of("NORD", "NORD"), DEADLINE, AKSON_THRESHOLDS,
                        INVITED, null))
                .expectNoEvents()
                .expectException(brokenRule("scope-regions-distinct", "scopeRegions"));
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("akson", "Akson", List.of("SOUTH"), DEADLINE, AKSON_THRESHOLDS, INVITED,
                        null))
                .expectNoEvents()
                .expectException(brokenRule("health-region-known", "scopeRegions"));
    }

    @Test
    void thresholdsAreSharesAboveZeroAndAtMostOne() {
        Thresholds overOne = new Thresholds(new BigDecimal("0.5"), new BigDecimal("1.01"), new BigDecimal("0.85"));
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("akson", "Akson", List.of("NORD"), DEADLINE, overOne, INVITED, null))
                .expectNoEvents()
                .expectException(brokenRule("threshold-share", "thresholds.commitment"));
        Thresholds zero = new Thresholds(BigDecimal.ZERO, new BigDecimal("0.55"), new BigDecimal("0.85"));
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("akson", "Akson", List.of("NORD"), DEADLINE, zero, INVITED, null))
                .expectNoEvents()
                .expectException(brokenRule("threshold-share", "thresholds.declaration"));
    }

    @Test
    void thresholdsHaveAtMostSixDecimals() {
        Thresholds tooFine = new Thresholds(new BigDecimal("0.5000001"), new BigDecimal("0.55"),
                new BigDecimal("0.85"));
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("akson", "Akson", List.of("NORD"), DEADLINE, tooFine, INVITED, null))
                .expectNoEvents()
                .expectException(brokenRule("threshold-decimals", "thresholds.declaration"));
    }

    @Test
    void theDeadlineIsRequired() {
        fixture.givenNoPriorActivity()
                .when(new DefineProgramme("akson", "Akson", List.of("NORD"), null, AKSON_THRESHOLDS, INVITED, null))
                .expectNoEvents()
                .expectException(brokenRule("required", "declarationDeadline"));
    }
}
