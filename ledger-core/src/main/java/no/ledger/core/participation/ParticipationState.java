package no.ledger.core.participation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import no.ledger.core.directory.ProgrammeTerms;
import no.ledger.core.shared.DecisionOutOfOrder;

/**
 * A participation's state folded from its decisions, and the rules a new decision must keep. Pure: {@link #check}
 * throws the broken rule, {@link #apply} returns the state after a decision. Every line of decisions (declaration,
 * extensions, agreement) runs forward in time, so within a line the order decisions were recorded in is their
 * order in effective time. The one rule across lines, the declaration deadline, is taken on the signature's date
 * ({@link #deadlineOn}), so it holds whichever order the lines' decisions were recorded in.
 *
 * <p>The agreement is kept as recorded; {@link #agreementOn(LocalDate)} says which one is in force on a date (on or
 * after the latest agreement decision), since an option with an expiry date ends by itself.
 */
public record ParticipationState(
        LocalDate invitedOn,
        DeclarationStatus declaration,
        LocalDate signedOn,
        LocalDate withdrawnOn,
        List<ExtensionGranted> extensions,
        LocalDate optionEnteredOn,
        LocalDate optionExpiresOn,
        LocalDate optionExercisedOn,
        LocalDate optionLapsedOn,
        LocalDate commitmentEnteredOn,
        boolean viaOption) {

    public static final ParticipationState INITIAL = new ParticipationState(null, DeclarationStatus.NOT_SIGNED,
            null, null, List.of(), null, null, null, null, null, false);

    /** The new deadline of the latest extension, or null while the programme's own deadline is in force. */
    public LocalDate extendedDeadline() {
        return extensions.isEmpty() ? null : extensions.get(extensions.size() - 1).newDeadline();
    }

    public LocalDate extensionGrantedOn() {
        return extensions.isEmpty() ? null : extensions.get(extensions.size() - 1).grantedOn();
    }

    /**
     * The declaration deadline in force on a day: that of the latest extension granted on or before it, else the
     * programme's.
     */
    public LocalDate deadlineOn(LocalDate day, LocalDate programmeDeadline) {
        LocalDate deadline = programmeDeadline;
        for (ExtensionGranted extension : extensions) {
            if (!extension.grantedOn().isAfter(day)) {
                deadline = extension.newDeadline();
            }
        }
        return deadline;
    }

    /** The agreement in force at the end of a day. */
    public AgreementStatus agreementOn(LocalDate date) {
        if (commitmentEnteredOn != null) {
            return AgreementStatus.COMMITMENT;
        }
        return optionInForceOn(date) ? AgreementStatus.OPTION : AgreementStatus.NONE;
    }

    private boolean optionInForceOn(LocalDate date) {
        return optionEnteredOn != null && optionExercisedOn == null && optionLapsedOn == null
                && (optionExpiresOn == null || !date.isAfter(optionExpiresOn));
    }

    /** The day after the option in force expires, when its expiry changes the agreement in force; else null. */
    public LocalDate optionEndsOn() {
        return optionEnteredOn != null && optionExercisedOn == null && optionLapsedOn == null
                && optionExpiresOn != null ? optionExpiresOn.plusDays(1) : null;
    }

    /** Throws the rule that the decision would break in this state; the scope rule is checked before. */
    public void check(ParticipationDecision decision, ProgrammeTerms terms) {
        String number = decision.number();
        if (decision instanceof MunicipalityInvited invited) {
            if (invitedOn != null) {
                throw new AlreadyInvited(number, invitedOn);
            }
        } else if (decision instanceof DeclarationSigned signed) {
            DecisionOutOfOrder.check("declaration", latestDeclarationDate(), signed.signedOn(), "signedOn");
            if (declaration == DeclarationStatus.SIGNED) {
                throw new DeclarationAlreadySigned(number, signedOn);
            }
            LocalDate deadline = deadlineOn(signed.signedOn(), terms.declarationDeadline());
            if (signed.signedOn().isAfter(deadline)) {
                throw new DeclarationDeadlinePassed(number, signed.signedOn(), deadline);
            }
        } else if (decision instanceof DeclarationWithdrawn withdrawn) {
            DecisionOutOfOrder.check("declaration", latestDeclarationDate(), withdrawn.withdrawnOn(), "withdrawnOn");
            if (declaration != DeclarationStatus.SIGNED) {
                throw new NoDeclarationToWithdraw(number, declaration);
            }
        } else if (decision instanceof ExtensionGranted extension) {
            DecisionOutOfOrder.check("extension", extensionGrantedOn(), extension.grantedOn(), "grantedOn");
            LocalDate inForce = deadlineOn(extension.grantedOn(), terms.declarationDeadline());
            if (!extension.newDeadline().isAfter(inForce)) {
                throw new ExtensionNotLater(extension.newDeadline(), inForce);
            }
        } else if (decision instanceof CommitmentAgreementEntered commitment) {
            checkNewAgreement(number, commitment.enteredOn());
        } else if (decision instanceof OptionAgreementEntered option) {
            if (option.expiresOn() != null && option.expiresOn().isBefore(option.enteredOn())) {
                throw new OptionExpiryBeforeEntry(option.enteredOn(), option.expiresOn());
            }
            checkNewAgreement(number, option.enteredOn());
        } else if (decision instanceof OptionExercised exercised) {
            checkOptionInForce("exercise", number, exercised.exercisedOn(), "exercisedOn");
        } else if (decision instanceof OptionLapsed lapsed) {
            checkOptionInForce("let lapse", number, lapsed.lapsedOn(), "lapsedOn");
        }
    }

    private void checkNewAgreement(String number, LocalDate enteredOn) {
        DecisionOutOfOrder.check("agreement", latestAgreementDate(), enteredOn, "enteredOn");
        AgreementStatus inForce = agreementOn(enteredOn);
        if (inForce != AgreementStatus.NONE) {
            throw new AgreementAlreadyInForce(number, inForce, enteredOn);
        }
    }

    private void checkOptionInForce(String action, String number, LocalDate on, String field) {
        DecisionOutOfOrder.check("agreement", latestAgreementDate(), on, field);
        if (optionInForceOn(on)) {
            return;
        }
        String why;
        if (commitmentEnteredOn != null) {
            why = optionExercisedOn != null ? "its option was exercised on " + optionExercisedOn
                    : "it has a commitment since " + commitmentEnteredOn;
        } else if (optionEnteredOn == null) {
            why = "it has never entered an option agreement";
        } else if (optionLapsedOn != null) {
            why = "its option lapsed on " + optionLapsedOn;
        } else {
            why = "its option expired on " + optionExpiresOn;
        }
        throw new NoOptionInForce(action, number, why);
    }

    /** The state after a decision; assumes the decision was checked (or recorded, which implies it was). */
    public ParticipationState apply(ParticipationDecision decision) {
        if (decision instanceof MunicipalityInvited invited) {
            return new ParticipationState(invited.invitedOn(), declaration, signedOn, withdrawnOn, extensions,
                    optionEnteredOn, optionExpiresOn, optionExercisedOn, optionLapsedOn, commitmentEnteredOn,
                    viaOption);
        } else if (decision instanceof DeclarationSigned signed) {
            return new ParticipationState(invitedOn, DeclarationStatus.SIGNED, signed.signedOn(), null, extensions,
                    optionEnteredOn, optionExpiresOn, optionExercisedOn, optionLapsedOn, commitmentEnteredOn,
                    viaOption);
        } else if (decision instanceof DeclarationWithdrawn withdrawn) {
            return new ParticipationState(invitedOn, DeclarationStatus.WITHDRAWN, signedOn, withdrawn.withdrawnOn(),
                    extensions, optionEnteredOn, optionExpiresOn, optionExercisedOn, optionLapsedOn,
                    commitmentEnteredOn, viaOption);
        } else if (decision instanceof ExtensionGranted extension) {
            List<ExtensionGranted> granted = new ArrayList<>(extensions);
            granted.add(extension);
            return new ParticipationState(invitedOn, declaration, signedOn, withdrawnOn, List.copyOf(granted),
                    optionEnteredOn, optionExpiresOn, optionExercisedOn, optionLapsedOn, commitmentEnteredOn,
                    viaOption);
        } else if (decision instanceof CommitmentAgreementEntered commitment) {
            return new ParticipationState(invitedOn, declaration, signedOn, withdrawnOn, extensions,
                    optionEnteredOn, optionExpiresOn, optionExercisedOn, optionLapsedOn, commitment.enteredOn(),
                    false);
        } else if (decision instanceof OptionAgreementEntered option) {
            return new ParticipationState(invitedOn, declaration, signedOn, withdrawnOn, extensions,
                    option.enteredOn(), option.expiresOn(), null, null, commitmentEnteredOn, viaOption);
        } else if (decision instanceof OptionExercised exercised) {
            return new ParticipationState(invitedOn, declaration, signedOn, withdrawnOn, extensions,
                    optionEnteredOn, optionExpiresOn, exercised.exercisedOn(), optionLapsedOn,
                    exercised.exercisedOn(), true);
        } else if (decision instanceof OptionLapsed lapsed) {
            return new ParticipationState(invitedOn, declaration, signedOn, withdrawnOn, extensions,
                    optionEnteredOn, optionExpiresOn, optionExercisedOn, lapsed.lapsedOn(), commitmentEnteredOn,
                    viaOption);
        }
        throw new IllegalArgumentException("not a participation decision: " + decision);
    }

    /** The state after the decisions, folded in effective-date order (recorded order within a day). */
    public static ParticipationState fold(List<ParticipationDecision> decisions) {
        ParticipationState state = INITIAL;
        for (ParticipationDecision decision : inDateOrder(decisions)) {
            state = state.apply(decision);
        }
        return state;
    }

    /**
     * Folds decisions in effective-date order, checking each against the state before it: whether they all still
     * hold together, as when one of them is to be retracted. Throws the first rule broken.
     */
    public static ParticipationState foldChecked(List<ParticipationDecision> decisions, ProgrammeTerms terms) {
        ParticipationState state = INITIAL;
        for (ParticipationDecision decision : inDateOrder(decisions)) {
            state.check(decision, terms);
            state = state.apply(decision);
        }
        return state;
    }

    /** The decisions sorted by effective date; a stable sort, so decisions of one day stay in recorded order. */
    public static List<ParticipationDecision> inDateOrder(List<ParticipationDecision> decisions) {
        List<ParticipationDecision> byDate = new ArrayList<>(decisions);
        byDate.sort(Comparator.comparing(ParticipationDecision::effectiveDate));
        return byDate;
    }

    private LocalDate latestDeclarationDate() {
        return declaration == DeclarationStatus.WITHDRAWN ? withdrawnOn : signedOn;
    }

    private LocalDate latestAgreementDate() {
        return Stream.of(optionEnteredOn, optionExercisedOn, optionLapsedOn, commitmentEnteredOn)
                .filter(date -> date != null)
                .max(LocalDate::compareTo)
                .orElse(null);
    }
}
