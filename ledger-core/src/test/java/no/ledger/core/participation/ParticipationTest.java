package no.ledger.core.participation;

import static no.ledger.core.shared.BrokenRule.brokenRule;
import static no.ledger.core.shared.GivenEvents.idOfGivenEvent;

import java.time.LocalDate;
import no.ledger.core.shared.DecisionAlreadyRetracted;
import no.ledger.core.shared.DecisionNotRetractable;
import no.ledger.core.shared.DecisionOutOfOrder;
import no.ledger.core.shared.RetractionBreaksLaterDecision;
import no.ledger.core.shared.TestDirectory;
import no.ledger.core.shared.UnknownEvent;
import no.ledger.core.shared.UnknownMunicipality;
import no.ledger.core.shared.UnknownProgramme;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ParticipationTest {

    private static final String AKSON = "akson";
    private static final String OSLO = "0301";
    private static final String BERGEN = "4601";
    private static final String TRONDHEIM = "5001";
    private static final LocalDate INVITED_ON = LocalDate.of(2020, 4, 24);
    private static final LocalDate DEADLINE = LocalDate.of(2020, 7, 1);
    private static final LocalDate EXTENDED_DEADLINE = LocalDate.of(2020, 7, 7);

    private FixtureConfiguration<Participation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Participation.class)
                .registerInjectableResource(TestDirectory.withReferenceParties());
    }

    private static DeclarationSigned signed(String number, LocalDate on) {
        return new DeclarationSigned(AKSON, number, on, "PS 12/20", "mayor");
    }

    private static ExtensionGranted extendedTo(String number, LocalDate newDeadline) {
        return new ExtensionGranted(AKSON, number, LocalDate.of(2020, 6, 29), newDeadline, "council meets 6 July",
                null);
    }

    @Nested
    class Scope {

        @Test
        void invitesAnInScopeMunicipality() {
            fixture.givenNoPriorActivity()
                    .when(new InviteMunicipality(AKSON, OSLO, INVITED_ON, "20/1554"))
                    .expectEvents(new MunicipalityInvited(AKSON, OSLO, INVITED_ON, "20/1554"));
        }

        @Test
        void aksonDoesNotTakeAMidtNorgeMunicipality() {
            fixture.givenNoPriorActivity()
                    .when(new InviteMunicipality(AKSON, TRONDHEIM, INVITED_ON, "20/1554"))
                    .expectNoEvents()
                    .expectException(OutsideProgrammeScope.class);
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, TRONDHEIM, LocalDate.of(2020, 6, 15), "PS 1/20", "mayor"))
                    .expectNoEvents()
                    .expectException(OutsideProgrammeScope.class);
        }

        @Test
        void helseplattformenTakesTrondheim() {
            fixture.givenNoPriorActivity()
                    .when(new EnterOptionAgreement("helseplattformen", TRONDHEIM, LocalDate.of(2019, 6, 1), "PS 5/19",
                            null))
                    .expectEvents(new OptionAgreementEntered("helseplattformen", TRONDHEIM, LocalDate.of(2019, 6, 1),
                            "PS 5/19", null));
        }

        @Test
        void aMunicipalityIsInvitedOnce() {
            fixture.given(new MunicipalityInvited(AKSON, OSLO, INVITED_ON, "20/1554"))
                    .when(new InviteMunicipality(AKSON, OSLO, INVITED_ON, "20/1554"))
                    .expectNoEvents()
                    .expectException(AlreadyInvited.class);
        }

        @Test
        void theProgrammeMustBeDefined() {
            fixture.givenNoPriorActivity()
                    .when(new InviteMunicipality("nasjonal-journal", OSLO, INVITED_ON, "20/1554"))
                    .expectNoEvents()
                    .expectException(UnknownProgramme.class);
        }

        @Test
        void theMunicipalityMustBeRegistered() {
            fixture.givenNoPriorActivity()
                    .when(new InviteMunicipality(AKSON, "9999", INVITED_ON, "20/1554"))
                    .expectNoEvents()
                    .expectException(UnknownMunicipality.class);
        }

        @Test
        void theMunicipalityNumberHasFourDigits() {
            fixture.givenNoPriorActivity()
                    .when(new InviteMunicipality(AKSON, "301", INVITED_ON, "20/1554"))
                    .expectNoEvents()
                    .expectException(brokenRule("municipality-number-four-digits", "number"));
        }
    }

    @Nested
    class Declaration {

        @Test
        void signsBeforeTheDeadline() {
            fixture.given(new MunicipalityInvited(AKSON, OSLO, INVITED_ON, "20/1554"))
                    .when(new SignDeclaration(AKSON, OSLO, LocalDate.of(2020, 6, 15), "PS 12/20", "mayor"))
                    .expectEvents(signed(OSLO, LocalDate.of(2020, 6, 15)));
        }

        @Test
        void signsOnTheDeadlineDayItself() {
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, OSLO, DEADLINE, "PS 12/20", "mayor"))
                    .expectEvents(signed(OSLO, DEADLINE));
        }

        @Test
        void cannotSignAfterTheDeadline() {
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, BERGEN, LocalDate.of(2020, 7, 5), "PS 12/20", "mayor"))
                    .expectNoEvents()
                    .expectException(DeclarationDeadlinePassed.class);
        }

        @Test
        void signsAfterTheDeadlineWithinAnExtension() {
            fixture.given(extendedTo(BERGEN, EXTENDED_DEADLINE))
                    .when(new SignDeclaration(AKSON, BERGEN, LocalDate.of(2020, 7, 5), "PS 12/20", "mayor"))
                    .expectEvents(signed(BERGEN, LocalDate.of(2020, 7, 5)));
        }

        @Test
        void anExtensionCountsFromTheDayItWasGranted() {
            // Granted on 6 July: a signature dated 3 July came after the deadline then in force (1 July).
            fixture.given(new ExtensionGranted(AKSON, BERGEN, LocalDate.of(2020, 7, 6), LocalDate.of(2020, 7, 10),
                            "late council", null))
                    .when(new SignDeclaration(AKSON, BERGEN, LocalDate.of(2020, 7, 3), "PS 12/20", "mayor"))
                    .expectNoEvents()
                    .expectException(DeclarationDeadlinePassed.class);
        }

        @Test
        void notAfterTheExtendedDeadline() {
            fixture.given(extendedTo(BERGEN, EXTENDED_DEADLINE))
                    .when(new SignDeclaration(AKSON, BERGEN, LocalDate.of(2020, 7, 8), "PS 12/20", "mayor"))
                    .expectNoEvents()
                    .expectException(DeclarationDeadlinePassed.class);
        }

        @Test
        void signingTwiceIsAConflict() {
            fixture.given(signed(OSLO, LocalDate.of(2020, 6, 15)))
                    .when(new SignDeclaration(AKSON, OSLO, LocalDate.of(2020, 6, 16), "PS 13/20", "mayor"))
                    .expectNoEvents()
                    .expectException(DeclarationAlreadySigned.class);
        }

        @Test
        void signsAgainAfterAWithdrawal() {
            fixture.given(signed(OSLO, LocalDate.of(2020, 6, 1)),
                            new DeclarationWithdrawn(AKSON, OSLO, LocalDate.of(2020, 6, 10), "new council", null))
                    .when(new SignDeclaration(AKSON, OSLO, LocalDate.of(2020, 6, 20), "PS 12/20", "mayor"))
                    .expectEvents(signed(OSLO, LocalDate.of(2020, 6, 20)));
        }

        @Test
        void signingNeedsItsDateReferenceAndSignatory() {
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, OSLO, null, "PS 12/20", "mayor"))
                    .expectNoEvents()
                    .expectException(brokenRule("required", "signedOn"));
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, OSLO, DEADLINE, "PS 12/20", " "))
                    .expectNoEvents()
                    .expectException(brokenRule("required", "signatory"));
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, OSLO, DEADLINE, null, "mayor"))
                    .expectNoEvents()
                    .expectException(brokenRule("required", "decisionReference"));
        }

        @Test
        void datesLieWithinTheLedgersRange() {
            fixture.givenNoPriorActivity()
                    .when(new EnterOptionAgreement(AKSON, OSLO, LocalDate.of(2021, 1, 1), "PS 1/21",
                            LocalDate.of(999_999, 12, 31)))
                    .expectNoEvents()
                    .expectException(brokenRule("date-in-range", "expiresOn"));
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, OSLO, LocalDate.of(1850, 6, 15), "PS 12/20", "mayor"))
                    .expectNoEvents()
                    .expectException(brokenRule("date-in-range", "signedOn"));
        }

        @Test
        void textsAreAtMost255CharactersLong() {
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, OSLO, DEADLINE, "PS 12/20", "x".repeat(256)))
                    .expectNoEvents()
                    .expectException(brokenRule("text-length", "signatory"));
            fixture.givenNoPriorActivity()
                    .when(new GrantExtension(AKSON, OSLO, LocalDate.of(2020, 6, 29), EXTENDED_DEADLINE, "møte",
                            "r".repeat(256)))
                    .expectNoEvents()
                    .expectException(brokenRule("text-length", "reference"));
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, OSLO, DEADLINE, "PS 12/20", "x".repeat(255)))
                    .expectEvents(new DeclarationSigned(AKSON, OSLO, DEADLINE, "PS 12/20", "x".repeat(255)));
        }

        @Test
        void textsArePrintable() {
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, OSLO, DEADLINE, "\u200B", "mayor"))
                    .expectNoEvents()
                    .expectException(brokenRule("printable-text", "decisionReference"));
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, OSLO, DEADLINE, "PS 12/20", "may\u0000or"))
                    .expectNoEvents()
                    .expectException(brokenRule("printable-text", "signatory"));
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, OSLO, DEADLINE, "PS 12/20", "\uD800mayor"))
                    .expectNoEvents()
                    .expectException(brokenRule("printable-text", "signatory"));
            fixture.givenNoPriorActivity()
                    .when(new GrantExtension(AKSON, OSLO, LocalDate.of(2020, 6, 29), EXTENDED_DEADLINE,
                            "møte\nmandag", null))
                    .expectNoEvents()
                    .expectException(brokenRule("printable-text", "reason"));
        }

        @Test
        void textsInEveryScriptOfNorwaysMunicipalitiesAreRecorded() {
            String signatory = "Ánde Čuđe Ŋŧž – «ordfører» Åse Ørn “sign” 😀 o\u0301";
            fixture.givenNoPriorActivity()
                    .when(new SignDeclaration(AKSON, OSLO, DEADLINE, "PS 12/20", signatory))
                    .expectEvents(new DeclarationSigned(AKSON, OSLO, DEADLINE, "PS 12/20", signatory));
        }

        @Test
        void anOptionalTextIsAbsentOrNotBlank() {
            fixture.givenNoPriorActivity()
                    .when(new GrantExtension(AKSON, OSLO, LocalDate.of(2020, 6, 29), EXTENDED_DEADLINE, "møte",
                            " \u00A0 "))
                    .expectNoEvents()
                    .expectException(brokenRule("not-blank", "reference"));
        }

        @Test
        void withdrawsASignedDeclaration() {
            fixture.given(signed(OSLO, LocalDate.of(2020, 6, 15)))
                    .when(new WithdrawDeclaration(AKSON, OSLO, LocalDate.of(2020, 9, 1), "council reversed", "PS 40/20"))
                    .expectEvents(new DeclarationWithdrawn(AKSON, OSLO, LocalDate.of(2020, 9, 1), "council reversed",
                            "PS 40/20"));
        }

        @Test
        void withdrawsOnlyASignedDeclaration() {
            fixture.given(new MunicipalityInvited(AKSON, OSLO, INVITED_ON, "20/1554"))
                    .when(new WithdrawDeclaration(AKSON, OSLO, LocalDate.of(2020, 9, 1), "never mind", null))
                    .expectNoEvents()
                    .expectException(NoDeclarationToWithdraw.class);
            fixture.given(signed(OSLO, LocalDate.of(2020, 6, 15)),
                            new DeclarationWithdrawn(AKSON, OSLO, LocalDate.of(2020, 9, 1), "reversed", null))
                    .when(new WithdrawDeclaration(AKSON, OSLO, LocalDate.of(2020, 9, 2), "again", null))
                    .expectNoEvents()
                    .expectException(NoDeclarationToWithdraw.class);
        }

        @Test
        void aWithdrawalIsNotDatedBeforeTheSignature() {
            fixture.given(signed(OSLO, LocalDate.of(2020, 6, 15)))
                    .when(new WithdrawDeclaration(AKSON, OSLO, LocalDate.of(2020, 6, 14), "reversed", null))
                    .expectNoEvents()
                    .expectException(DecisionOutOfOrder.class);
        }
    }

    @Nested
    class Extension {

        @Test
        void grantsALaterDeadline() {
            fixture.givenNoPriorActivity()
                    .when(new GrantExtension(AKSON, BERGEN, LocalDate.of(2020, 6, 29), EXTENDED_DEADLINE,
                            "council meets 6 July", null))
                    .expectEvents(extendedTo(BERGEN, EXTENDED_DEADLINE));
        }

        @Test
        void theNewDeadlineIsLaterThanTheOneInForce() {
            fixture.givenNoPriorActivity()
                    .when(new GrantExtension(AKSON, BERGEN, LocalDate.of(2020, 6, 29), DEADLINE, "same day", null))
                    .expectNoEvents()
                    .expectException(ExtensionNotLater.class);
            fixture.given(extendedTo(BERGEN, EXTENDED_DEADLINE))
                    .when(new GrantExtension(AKSON, BERGEN, LocalDate.of(2020, 6, 30), LocalDate.of(2020, 7, 3),
                            "shorter", null))
                    .expectNoEvents()
                    .expectException(ExtensionNotLater.class);
        }

        @Test
        void anExtensionHasAReason() {
            fixture.givenNoPriorActivity()
                    .when(new GrantExtension(AKSON, BERGEN, LocalDate.of(2020, 6, 29), EXTENDED_DEADLINE, null, null))
                    .expectNoEvents()
                    .expectException(brokenRule("required", "reason"));
        }
    }

    @Nested
    class Agreement {

        private final LocalDate entered = LocalDate.of(2020, 11, 1);

        @Test
        void aNonSignerEntersACommitment() {
            fixture.givenNoPriorActivity()
                    .when(new EnterCommitmentAgreement(AKSON, OSLO, entered, "PS 50/20"))
                    .expectEvents(new CommitmentAgreementEntered(AKSON, OSLO, entered, "PS 50/20"));
        }

        @Test
        void aSignerEntersAnOption() {
            fixture.given(signed(OSLO, LocalDate.of(2020, 6, 15)))
                    .when(new EnterOptionAgreement(AKSON, OSLO, entered, "PS 50/20", LocalDate.of(2022, 12, 31)))
                    .expectEvents(new OptionAgreementEntered(AKSON, OSLO, entered, "PS 50/20",
                            LocalDate.of(2022, 12, 31)));
        }

        @Test
        void oneAgreementAtATime() {
            fixture.given(new OptionAgreementEntered(AKSON, OSLO, entered, "PS 50/20", null))
                    .when(new EnterCommitmentAgreement(AKSON, OSLO, entered.plusDays(1), "PS 51/20"))
                    .expectNoEvents()
                    .expectException(AgreementAlreadyInForce.class);
            fixture.given(new CommitmentAgreementEntered(AKSON, OSLO, entered, "PS 50/20"))
                    .when(new EnterOptionAgreement(AKSON, OSLO, entered.plusDays(1), "PS 51/20", null))
                    .expectNoEvents()
                    .expectException(AgreementAlreadyInForce.class);
        }

        @Test
        void aNewAgreementAfterTheOptionExpired() {
            fixture.given(new OptionAgreementEntered(AKSON, OSLO, entered, "PS 50/20", LocalDate.of(2021, 6, 30)))
                    .when(new EnterCommitmentAgreement(AKSON, OSLO, LocalDate.of(2021, 7, 1), "PS 30/21"))
                    .expectEvents(new CommitmentAgreementEntered(AKSON, OSLO, LocalDate.of(2021, 7, 1), "PS 30/21"));
        }

        @Test
        void anOptionDoesNotExpireBeforeItIsEntered() {
            fixture.givenNoPriorActivity()
                    .when(new EnterOptionAgreement(AKSON, OSLO, entered, "PS 50/20", entered.minusDays(1)))
                    .expectNoEvents()
                    .expectException(OptionExpiryBeforeEntry.class);
        }

        @Test
        void exercisingAnOptionMakesItACommitment() {
            fixture.given(new OptionAgreementEntered(AKSON, OSLO, entered, "PS 50/20", LocalDate.of(2021, 6, 30)))
                    .when(new ExerciseOption(AKSON, OSLO, LocalDate.of(2021, 6, 30), "PS 29/21"))
                    .expectEvents(new OptionExercised(AKSON, OSLO, LocalDate.of(2021, 6, 30), "PS 29/21"));
        }

        @Test
        void onlyAnExistingOptionIsExercised() {
            fixture.givenNoPriorActivity()
                    .when(new ExerciseOption(AKSON, OSLO, entered, "PS 29/21"))
                    .expectNoEvents()
                    .expectException(NoOptionInForce.class);
            fixture.given(new CommitmentAgreementEntered(AKSON, OSLO, entered, "PS 50/20"))
                    .when(new ExerciseOption(AKSON, OSLO, entered.plusDays(1), "PS 29/21"))
                    .expectNoEvents()
                    .expectException(NoOptionInForce.class);
        }

        @Test
        void anExpiredOptionIsNotExercised() {
            fixture.given(new OptionAgreementEntered(AKSON, OSLO, entered, "PS 50/20", LocalDate.of(2021, 6, 30)))
                    .when(new ExerciseOption(AKSON, OSLO, LocalDate.of(2021, 7, 1), "PS 29/21"))
                    .expectNoEvents()
                    .expectException(NoOptionInForce.class);
        }

        @Test
        void anOptionIsExercisedOnce() {
            fixture.given(new OptionAgreementEntered(AKSON, OSLO, entered, "PS 50/20", null),
                            new OptionExercised(AKSON, OSLO, entered.plusDays(10), "PS 29/21"))
                    .when(new ExerciseOption(AKSON, OSLO, entered.plusDays(11), "PS 30/21"))
                    .expectNoEvents()
                    .expectException(NoOptionInForce.class);
        }

        @Test
        void lettingAnOptionLapse() {
            fixture.given(new OptionAgreementEntered(AKSON, OSLO, entered, "PS 50/20", null))
                    .when(new LetOptionLapse(AKSON, OSLO, entered.plusMonths(6), "not joining", "PS 20/21"))
                    .expectEvents(new OptionLapsed(AKSON, OSLO, entered.plusMonths(6), "not joining", "PS 20/21"));
        }

        @Test
        void aLapsedOptionIsNeitherExercisedNorLapsedAgain() {
            TestExecutor<Participation> lapsed = fixture.given(
                    new OptionAgreementEntered(AKSON, OSLO, entered, "PS 50/20", null),
                    new OptionLapsed(AKSON, OSLO, entered.plusMonths(6), "not joining", null));
            lapsed.when(new ExerciseOption(AKSON, OSLO, entered.plusMonths(7), "PS 29/21"))
                    .expectNoEvents()
                    .expectException(NoOptionInForce.class);
            fixture.given(new OptionAgreementEntered(AKSON, OSLO, entered, "PS 50/20", null),
                            new OptionLapsed(AKSON, OSLO, entered.plusMonths(6), "not joining", null))
                    .when(new LetOptionLapse(AKSON, OSLO, entered.plusMonths(7), "again", null))
                    .expectNoEvents()
                    .expectException(NoOptionInForce.class);
        }

        @Test
        void anExerciseIsNotDatedBeforeTheOption() {
            fixture.given(new OptionAgreementEntered(AKSON, OSLO, entered, "PS 50/20", null))
                    .when(new ExerciseOption(AKSON, OSLO, entered.minusDays(1), "PS 29/21"))
                    .expectNoEvents()
                    .expectException(DecisionOutOfOrder.class);
        }
    }

    @Nested
    class Retraction {

        private final String participationId = Participation.aggregateId(AKSON, OSLO);
        private final LocalDate retractedOn = LocalDate.of(2020, 8, 1);

        @Test
        void retractsASignature() {
            TestExecutor<Participation> given = fixture.given(signed(OSLO, LocalDate.of(2020, 6, 15)));
            String signatureId = idOfGivenEvent(fixture, participationId, 0);
            given.when(new RetractParticipationDecision(AKSON, OSLO, signatureId, "signed by the wrong body",
                            retractedOn))
                    .expectEvents(new ParticipationDecisionRetracted(AKSON, OSLO, signatureId,
                            "signed by the wrong body", retractedOn));
        }

        @Test
        void afterARetractionTheSignatureCountsAsNeverTaken() {
            TestExecutor<Participation> given = fixture.given(signed(OSLO, LocalDate.of(2020, 6, 15)));
            String signatureId = idOfGivenEvent(fixture, participationId, 0);
            given.andGiven(new ParticipationDecisionRetracted(AKSON, OSLO, signatureId, "wrong body", retractedOn))
                    .when(new SignDeclaration(AKSON, OSLO, LocalDate.of(2020, 6, 15), "PS 12/20", "mayor"))
                    .expectEvents(signed(OSLO, LocalDate.of(2020, 6, 15)));
        }

        @Test
        void aSignatureThatWasWithdrawnIsNotRetractedAlone() {
            TestExecutor<Participation> given = fixture.given(signed(OSLO, LocalDate.of(2020, 6, 15)),
                    new DeclarationWithdrawn(AKSON, OSLO, LocalDate.of(2020, 9, 1), "reversed", null));
            String signatureId = idOfGivenEvent(fixture, participationId, 0);
            given.when(new RetractParticipationDecision(AKSON, OSLO, signatureId, "wrong body", retractedOn))
                    .expectNoEvents()
                    .expectException(RetractionBreaksLaterDecision.class);
        }

        @Test
        void anExtensionThatASignatureReliedOnIsNotRetractedAlone() {
            TestExecutor<Participation> given = fixture.given(extendedTo(BERGEN, EXTENDED_DEADLINE),
                    signed(BERGEN, LocalDate.of(2020, 7, 5)));
            String extensionId = idOfGivenEvent(fixture, Participation.aggregateId(AKSON, BERGEN), 0);
            given.when(new RetractParticipationDecision(AKSON, BERGEN, extensionId, "granted in error", retractedOn))
                    .expectNoEvents()
                    .expectException(RetractionBreaksLaterDecision.class);
        }

        @Test
        void anExtensionIsRetractedWhenALaterOneStillCoversTheSignature() {
            TestExecutor<Participation> given = fixture.given(extendedTo(BERGEN, EXTENDED_DEADLINE),
                    signed(BERGEN, LocalDate.of(2020, 7, 5)),
                    new ExtensionGranted(AKSON, BERGEN, LocalDate.of(2020, 7, 2), LocalDate.of(2020, 7, 10), "more",
                            null));
            String firstExtensionId = idOfGivenEvent(fixture, Participation.aggregateId(AKSON, BERGEN), 0);
            given.when(new RetractParticipationDecision(AKSON, BERGEN, firstExtensionId, "granted twice",
                            retractedOn))
                    .expectEvents(new ParticipationDecisionRetracted(AKSON, BERGEN, firstExtensionId, "granted twice",
                            retractedOn));
        }

        @Test
        void anExercisedOptionIsRetractedAfterItsExercise() {
            TestExecutor<Participation> given = fixture.given(
                    new OptionAgreementEntered(AKSON, OSLO, LocalDate.of(2020, 11, 1), "PS 50/20", null),
                    new OptionExercised(AKSON, OSLO, LocalDate.of(2021, 3, 1), "PS 9/21"));
            String optionId = idOfGivenEvent(fixture, participationId, 0);
            given.when(new RetractParticipationDecision(AKSON, OSLO, optionId, "no such agreement", retractedOn))
                    .expectNoEvents()
                    .expectException(RetractionBreaksLaterDecision.class);

            given = fixture.given(
                    new OptionAgreementEntered(AKSON, OSLO, LocalDate.of(2020, 11, 1), "PS 50/20", null),
                    new OptionExercised(AKSON, OSLO, LocalDate.of(2021, 3, 1), "PS 9/21"));
            String exerciseId = idOfGivenEvent(fixture, participationId, 1);
            given.when(new RetractParticipationDecision(AKSON, OSLO, exerciseId, "recorded early", retractedOn))
                    .expectEvents(new ParticipationDecisionRetracted(AKSON, OSLO, exerciseId, "recorded early",
                            retractedOn));
        }

        @Test
        void aDecisionIsRetractedOnce() {
            TestExecutor<Participation> given = fixture.given(signed(OSLO, LocalDate.of(2020, 6, 15)));
            String signatureId = idOfGivenEvent(fixture, participationId, 0);
            given.andGiven(new ParticipationDecisionRetracted(AKSON, OSLO, signatureId, "wrong body", retractedOn))
                    .when(new RetractParticipationDecision(AKSON, OSLO, signatureId, "again", retractedOn))
                    .expectNoEvents()
                    .expectException(DecisionAlreadyRetracted.class);
        }

        @Test
        void aRetractionIsNotRetracted() {
            TestExecutor<Participation> given = fixture.given(signed(OSLO, LocalDate.of(2020, 6, 15)));
            String signatureId = idOfGivenEvent(fixture, participationId, 0);
            given.andGiven(new ParticipationDecisionRetracted(AKSON, OSLO, signatureId, "wrong body", retractedOn));
            String retractionId = idOfGivenEvent(fixture, participationId, 1);
            given.when(new RetractParticipationDecision(AKSON, OSLO, retractionId, "undo", retractedOn))
                    .expectNoEvents()
                    .expectException(DecisionNotRetractable.class);
        }

        @Test
        void anUnknownEventIsNotRetracted() {
            fixture.given(signed(OSLO, LocalDate.of(2020, 6, 15)))
                    .when(new RetractParticipationDecision(AKSON, OSLO, "f00", "wrong body", retractedOn))
                    .expectNoEvents()
                    .expectException(UnknownEvent.class);
        }
    }
}
