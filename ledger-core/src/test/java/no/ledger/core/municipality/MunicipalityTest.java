package no.ledger.core.municipality;

import static no.ledger.core.shared.BrokenRule.brokenRule;
import static no.ledger.core.shared.GivenEvents.idOfGivenEvent;

import java.time.LocalDate;
import no.ledger.core.shared.DecisionNotRetractable;
import no.ledger.core.shared.HealthRegion;
import no.ledger.core.shared.UnknownEvent;
import no.ledger.core.shared.UnknownMunicipality;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MunicipalityTest {

    private static final LocalDate NEW_YEAR_2020 = LocalDate.of(2020, 1, 1);
    private static final MunicipalityRegistered OSLO_REGISTERED = new MunicipalityRegistered("0301", "Oslo", "Oslo",
            HealthRegion.SOR_OST, NEW_YEAR_2020, "SSB 07459");
    private static final PopulationCounted OSLO_COUNTED_2020 = new PopulationCounted("0301", 693_494, NEW_YEAR_2020,
            "SSB 07459");

    private FixtureConfiguration<Municipality> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Municipality.class);
    }

    @Test
    void registersAMunicipalityWithItsHealthRegion() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMunicipality("0301", "Oslo", "Oslo", "SOR_OST", NEW_YEAR_2020, "SSB 07459"))
                .expectEvents(OSLO_REGISTERED);
    }

    @Test
    void aMunicipalityNumberHasFourDigits() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMunicipality("301", "Oslo", "Oslo", "SOR_OST", NEW_YEAR_2020, null))
                .expectNoEvents()
                .expectException(brokenRule("municipality-number-four-digits", "number"));
    }

    @Test
    void theHealthRegionIsOneOfTheFour() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMunicipality("0301", "Oslo", "Oslo", "OSLO", NEW_YEAR_2020, null))
                .expectNoEvents()
                .expectException(brokenRule("health-region-known", "healthRegion"));
    }

    @Test
    void nameIsRequired() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMunicipality("0301", " ", "Oslo", "SOR_OST", NEW_YEAR_2020, null))
                .expectNoEvents()
                .expectException(brokenRule("required", "name"));
    }

    @Test
    void aMunicipalityIsRegisteredOnce() {
        fixture.given(OSLO_REGISTERED)
                .when(new RegisterMunicipality("0301", "Oslo", "Oslo", "SOR_OST", NEW_YEAR_2020, null))
                .expectNoEvents()
                .expectException(MunicipalityAlreadyRegistered.class);
    }

    @Test
    void recordsAPopulationCount() {
        fixture.given(OSLO_REGISTERED)
                .when(new RecordPopulationCount("0301", 693_494L, NEW_YEAR_2020, "SSB 07459"))
                .expectEvents(OSLO_COUNTED_2020);
    }

    @Test
    void aPopulationCountIsNotNegative() {
        fixture.given(OSLO_REGISTERED)
                .when(new RecordPopulationCount("0301", -1L, NEW_YEAR_2020, null))
                .expectNoEvents()
                .expectException(NegativePopulation.class);
    }

    @Test
    void aPopulationIsAtMostAHundredMillion() {
        fixture.given(OSLO_REGISTERED)
                .when(new RecordPopulationCount("0301", 100_000_001L, NEW_YEAR_2020, null))
                .expectNoEvents()
                .expectException(brokenRule("population-bounds", "population"));
        fixture.given(OSLO_REGISTERED)
                .when(new RecordPopulationCount("0301", Long.MAX_VALUE, NEW_YEAR_2020, null))
                .expectNoEvents()
                .expectException(brokenRule("population-bounds", "population"));
        fixture.given(OSLO_REGISTERED)
                .when(new RecordPopulationCount("0301", 100_000_000L, NEW_YEAR_2020, null))
                .expectEvents(new PopulationCounted("0301", 100_000_000L, NEW_YEAR_2020, null));
    }

    @Test
    void namesAndCountiesArePrintableText() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMunicipality("0301", "Os\u0000lo", "Oslo", "SOR_OST", NEW_YEAR_2020, null))
                .expectNoEvents()
                .expectException(brokenRule("printable-text", "name"));
        fixture.givenNoPriorActivity()
                .when(new RegisterMunicipality("0301", "Oslo", "Oslo\u202E", "SOR_OST", NEW_YEAR_2020, null))
                .expectNoEvents()
                .expectException(brokenRule("printable-text", "county"));
        fixture.givenNoPriorActivity()
                .when(new RegisterMunicipality("0301", "Oslo", "Oslo", "SOR_OST", NEW_YEAR_2020, "\u200B"))
                .expectNoEvents()
                .expectException(brokenRule("printable-text", "reference"));
    }

    @Test
    void aSamiNameIsRecordedAsWritten() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMunicipality("5436", "Porsáŋgu – Porsanger – Porsanki", "Finnmárku", "NORD",
                        NEW_YEAR_2020, "«SSB» 07459"))
                .expectEvents(new MunicipalityRegistered("5436", "Porsáŋgu – Porsanger – Porsanki", "Finnmárku",
                        HealthRegion.NORD, NEW_YEAR_2020, "«SSB» 07459"));
    }

    @Test
    void aRetractionsReasonIsPrintableText() {
        fixture.given(OSLO_REGISTERED, OSLO_COUNTED_2020)
                .when(new RetractPopulationCount("0301", "an-event-id", "wrong\u0007count", NEW_YEAR_2020))
                .expectNoEvents()
                .expectException(brokenRule("printable-text", "reason"));
    }

    @Test
    void aPopulationOfZeroIsACount() {
        fixture.given(OSLO_REGISTERED)
                .when(new RecordPopulationCount("0301", 0L, NEW_YEAR_2020, null))
                .expectEvents(new PopulationCounted("0301", 0, NEW_YEAR_2020, null));
    }

    @Test
    void oneCountPerDate() {
        fixture.given(OSLO_REGISTERED, OSLO_COUNTED_2020)
                .when(new RecordPopulationCount("0301", 700_000L, NEW_YEAR_2020, null))
                .expectNoEvents()
                .expectException(PopulationAlreadyCounted.class);
    }

    @Test
    void countsOnOtherDatesAreRecorded() {
        LocalDate newYear2021 = LocalDate.of(2021, 1, 1);
        fixture.given(OSLO_REGISTERED, OSLO_COUNTED_2020)
                .when(new RecordPopulationCount("0301", 697_010L, newYear2021, null))
                .expectEvents(new PopulationCounted("0301", 697_010, newYear2021, null));
    }

    @Test
    void onlyARegisteredMunicipalityIsCounted() {
        fixture.givenNoPriorActivity()
                .when(new RecordPopulationCount("0301", 693_494L, NEW_YEAR_2020, null))
                .expectNoEvents()
                .expectException(UnknownMunicipality.class);
    }

    @Test
    void aRetractedCountMakesWayForTheRightFigure() {
        TestExecutor<Municipality> given = fixture.given(OSLO_REGISTERED, OSLO_COUNTED_2020);
        String countId = idOfGivenEvent(fixture, Municipality.aggregateId("0301"), 1);
        given.andGiven(new PopulationCountRetracted("0301", countId, "typo", NEW_YEAR_2020.plusDays(3)))
                .when(new RecordPopulationCount("0301", 693_495L, NEW_YEAR_2020, null))
                .expectEvents(new PopulationCounted("0301", 693_495, NEW_YEAR_2020, null));
    }

    @Test
    void retractsAPopulationCount() {
        TestExecutor<Municipality> given = fixture.given(OSLO_REGISTERED, OSLO_COUNTED_2020);
        String countId = idOfGivenEvent(fixture, Municipality.aggregateId("0301"), 1);
        given.when(new RetractPopulationCount("0301", countId, "wrong municipality", LocalDate.of(2020, 2, 1)))
                .expectEvents(new PopulationCountRetracted("0301", countId, "wrong municipality",
                        LocalDate.of(2020, 2, 1)));
    }

    @Test
    void aRetractionNeedsAReason() {
        TestExecutor<Municipality> given = fixture.given(OSLO_REGISTERED, OSLO_COUNTED_2020);
        String countId = idOfGivenEvent(fixture, Municipality.aggregateId("0301"), 1);
        given.when(new RetractPopulationCount("0301", countId, "", LocalDate.of(2020, 2, 1)))
                .expectNoEvents()
                .expectException(brokenRule("required", "reason"));
    }

    @Test
    void theRegistrationIsNotRetractable() {
        TestExecutor<Municipality> given = fixture.given(OSLO_REGISTERED, OSLO_COUNTED_2020);
        String registrationId = idOfGivenEvent(fixture, Municipality.aggregateId("0301"), 0);
        given.when(new RetractPopulationCount("0301", registrationId, "mistake", LocalDate.of(2020, 2, 1)))
                .expectNoEvents()
                .expectException(DecisionNotRetractable.class);
    }

    @Test
    void anEventOfAnotherPartyIsUnknownHere() {
        fixture.given(OSLO_REGISTERED, OSLO_COUNTED_2020)
                .when(new RetractPopulationCount("0301", "no-such-event", "mistake", LocalDate.of(2020, 2, 1)))
                .expectNoEvents()
                .expectException(UnknownEvent.class);
    }
}
