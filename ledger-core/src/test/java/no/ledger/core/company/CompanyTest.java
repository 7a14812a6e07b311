package no.ledger.core.company;

import static no.ledger.core.shared.BrokenRule.brokenRule;
import static no.ledger.core.shared.GivenEvents.idOfGivenEvent;

import java.time.LocalDate;
import no.ledger.core.shared.DecisionNotRetractable;
import no.ledger.core.shared.DecisionOutOfOrder;
import no.ledger.core.shared.RetractionBreaksLaterDecision;
import no.ledger.core.shared.TestDirectory;
import no.ledger.core.shared.UnknownMunicipality;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompanyTest {

    private static final String AKSON_JOURNAL = "akson-journal";
    private static final LocalDate FOUNDED_ON = LocalDate.of(2021, 7, 1);
    private static final CompanyFounded FOUNDED = new CompanyFounded(AKSON_JOURNAL, "Akson journal AS", FOUNDED_ON,
            "founding assembly");

    private FixtureConfiguration<Company> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Company.class)
                .registerInjectableResource(TestDirectory.withReferenceParties());
    }

    private static SharesIssued issued(String owner, OwnerKind kind, long shares) {
        return new SharesIssued(AKSON_JOURNAL, owner, kind, shares, FOUNDED_ON, null);
    }

    @Test
    void foundsACompany() {
        fixture.givenNoPriorActivity()
                .when(new FoundCompany(AKSON_JOURNAL, "Akson journal AS", FOUNDED_ON, "founding assembly"))
                .expectEvents(FOUNDED);
    }

    @Test
    void aCompanyIsFoundedOnce() {
        fixture.given(FOUNDED)
                .when(new FoundCompany(AKSON_JOURNAL, "Akson journal AS", FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(CompanyAlreadyFounded.class);
    }

    @Test
    void sharesMoveOnlyInAFoundedCompany() {
        fixture.givenNoPriorActivity()
                .when(new IssueShares(AKSON_JOURNAL, "KS", 100L, FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(UnknownCompany.class);
    }

    @Test
    void issuesSharesToEachKindOfOwner() {
        fixture.given(FOUNDED)
                .when(new IssueShares(AKSON_JOURNAL, "0301", 600L, FOUNDED_ON, null))
                .expectEvents(issued("0301", OwnerKind.MUNICIPALITY, 600));
        fixture.given(FOUNDED)
                .when(new IssueShares(AKSON_JOURNAL, "KS", 100L, FOUNDED_ON, null))
                .expectEvents(issued("KS", OwnerKind.KS, 100));
        fixture.given(FOUNDED)
                .when(new IssueShares(AKSON_JOURNAL, "STATE", 100L, FOUNDED_ON, null))
                .expectEvents(issued("STATE", OwnerKind.STATE, 100));
        fixture.given(FOUNDED)
                .when(new IssueShares(AKSON_JOURNAL, "helse-midt-norge-rhf", 100L, FOUNDED_ON, null))
                .expectEvents(issued("helse-midt-norge-rhf", OwnerKind.OTHER, 100));
    }

    @Test
    void aMunicipalOwnerMustBeRegistered() {
        fixture.given(FOUNDED)
                .when(new IssueShares(AKSON_JOURNAL, "9999", 100L, FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(UnknownMunicipality.class);
    }

    @Test
    void anOwnerIsWrittenAsTheApiWritesIt() {
        fixture.given(FOUNDED)
                .when(new IssueShares(AKSON_JOURNAL, "301", 100L, FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(brokenRule("owner-format", "owner"));
        fixture.given(FOUNDED)
                .when(new IssueShares(AKSON_JOURNAL, "Helse Midt", 100L, FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(brokenRule("owner-format", "owner"));
    }

    @Test
    void aNumberOfSharesIsPositive() {
        fixture.given(FOUNDED)
                .when(new IssueShares(AKSON_JOURNAL, "KS", 0L, FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(brokenRule("shares-positive", "shares"));
    }

    @Test
    void aDecisionMovesAtMostATrillionShares() {
        fixture.given(FOUNDED)
                .when(new IssueShares(AKSON_JOURNAL, "KS", 1_000_000_000_001L, FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(brokenRule("shares-bounds", "shares"));
        fixture.given(FOUNDED, issued("KS", OwnerKind.KS, 10L))
                .when(new TransferShares(AKSON_JOURNAL, "KS", "STATE", Long.MAX_VALUE, FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(brokenRule("shares-bounds", "shares"));
    }

    @Test
    void aCompanyHasAtMostATrillionSharesInAll() {
        fixture.given(FOUNDED, issued("KS", OwnerKind.KS, 1_000_000_000_000L))
                .when(new IssueShares(AKSON_JOURNAL, "STATE", 1L, FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(brokenRule("shares-bounds", "shares"));
        fixture.given(FOUNDED, issued("KS", OwnerKind.KS, 999_999_999_999L))
                .when(new IssueShares(AKSON_JOURNAL, "STATE", 1L, FOUNDED_ON, null))
                .expectEvents(issued("STATE", OwnerKind.STATE, 1L));
    }

    @Test
    void aCompanysNameIsPrintableText() {
        fixture.givenNoPriorActivity()
                .when(new FoundCompany(AKSON_JOURNAL, "Akson\u001B[31m journal", FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(brokenRule("printable-text", "name"));
        fixture.givenNoPriorActivity()
                .when(new FoundCompany(AKSON_JOURNAL, "Akson journal AS", FOUNDED_ON, "\uE000"))
                .expectNoEvents()
                .expectException(brokenRule("printable-text", "reference"));
    }

    @Test
    void noSharesBeforeTheFounding() {
        fixture.given(FOUNDED)
                .when(new IssueShares(AKSON_JOURNAL, "KS", 10L, FOUNDED_ON.minusDays(1), null))
                .expectNoEvents()
                .expectException(ShareDecisionBeforeFounding.class);
    }

    @Test
    void transfersShares() {
        fixture.given(FOUNDED, issued("0301", OwnerKind.MUNICIPALITY, 600))
                .when(new TransferShares(AKSON_JOURNAL, "0301", "4601", 100L, FOUNDED_ON.plusMonths(1), null))
                .expectEvents(new SharesTransferred(AKSON_JOURNAL, "0301", OwnerKind.MUNICIPALITY, "4601",
                        OwnerKind.MUNICIPALITY, 100, FOUNDED_ON.plusMonths(1), null));
    }

    @Test
    void neverMoreThanTheSenderHolds() {
        fixture.given(FOUNDED, issued("0301", OwnerKind.MUNICIPALITY, 600))
                .when(new TransferShares(AKSON_JOURNAL, "0301", "4601", 601L, FOUNDED_ON.plusMonths(1), null))
                .expectNoEvents()
                .expectException(InsufficientShares.class);
        fixture.given(FOUNDED)
                .when(new TransferShares(AKSON_JOURNAL, "KS", "4601", 1L, FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(InsufficientShares.class);
    }

    @Test
    void aTransferGoesToAnotherOwner() {
        fixture.given(FOUNDED, issued("KS", OwnerKind.KS, 100))
                .when(new TransferShares(AKSON_JOURNAL, "KS", "KS", 10L, FOUNDED_ON, null))
                .expectNoEvents()
                .expectException(brokenRule("transfer-between-different-owners", "to"));
    }

    @Test
    void shareDecisionsRunForwardInTime() {
        fixture.given(FOUNDED, new SharesIssued(AKSON_JOURNAL, "KS", OwnerKind.KS, 100, FOUNDED_ON.plusMonths(2), null))
                .when(new IssueShares(AKSON_JOURNAL, "STATE", 100L, FOUNDED_ON.plusMonths(1), null))
                .expectNoEvents()
                .expectException(DecisionOutOfOrder.class);
    }

    @Test
    void anIssueThatATransferSpentIsNotRetractedAlone() {
        TestExecutor<Company> given = fixture.given(FOUNDED, issued("0301", OwnerKind.MUNICIPALITY, 600),
                new SharesTransferred(AKSON_JOURNAL, "0301", OwnerKind.MUNICIPALITY, "4601", OwnerKind.MUNICIPALITY,
                        500, FOUNDED_ON.plusMonths(1), null));
        String issueId = idOfGivenEvent(fixture, Company.aggregateId(AKSON_JOURNAL), 1);
        given.when(new RetractShareDecision(AKSON_JOURNAL, issueId, "issued to the wrong owner", FOUNDED_ON))
                .expectNoEvents()
                .expectException(RetractionBreaksLaterDecision.class);
    }

    @Test
    void retractsATransfer() {
        TestExecutor<Company> given = fixture.given(FOUNDED, issued("0301", OwnerKind.MUNICIPALITY, 600),
                new SharesTransferred(AKSON_JOURNAL, "0301", OwnerKind.MUNICIPALITY, "4601", OwnerKind.MUNICIPALITY,
                        500, FOUNDED_ON.plusMonths(1), null));
        String transferId = idOfGivenEvent(fixture, Company.aggregateId(AKSON_JOURNAL), 2);
        given.when(new RetractShareDecision(AKSON_JOURNAL, transferId, "never signed", FOUNDED_ON.plusMonths(2)))
                .expectEvents(new ShareDecisionRetracted(AKSON_JOURNAL, transferId, "never signed",
                        FOUNDED_ON.plusMonths(2)));
    }

    @Test
    void afterARetractionTheSharesAreBackWithTheSender() {
        TestExecutor<Company> given = fixture.given(FOUNDED, issued("0301", OwnerKind.MUNICIPALITY, 600),
                new SharesTransferred(AKSON_JOURNAL, "0301", OwnerKind.MUNICIPALITY, "4601", OwnerKind.MUNICIPALITY,
                        500, FOUNDED_ON.plusMonths(1), null));
        String transferId = idOfGivenEvent(fixture, Company.aggregateId(AKSON_JOURNAL), 2);
        given.andGiven(new ShareDecisionRetracted(AKSON_JOURNAL, transferId, "never signed", FOUNDED_ON.plusMonths(2)))
                .when(new TransferShares(AKSON_JOURNAL, "0301", "KS", 600L, FOUNDED_ON.plusMonths(3), null))
                .expectEvents(new SharesTransferred(AKSON_JOURNAL, "0301", OwnerKind.MUNICIPALITY, "KS",
                        OwnerKind.KS, 600, FOUNDED_ON.plusMonths(3), null));
    }

    @Test
    void theFoundingIsNotRetractable() {
        TestExecutor<Company> given = fixture.given(FOUNDED);
        String foundingId = idOfGivenEvent(fixture, Company.aggregateId(AKSON_JOURNAL), 0);
        given.when(new RetractShareDecision(AKSON_JOURNAL, foundingId, "mistake", FOUNDED_ON))
                .expectNoEvents()
                .expectException(DecisionNotRetractable.class);
    }
}
