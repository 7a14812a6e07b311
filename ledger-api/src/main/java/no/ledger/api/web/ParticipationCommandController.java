package no.ledger.api.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import no.ledger.api.web.CommandSender.RecordedEvents;
import no.ledger.api.web.InputFormats.Identifier;
import no.ledger.api.web.InputFormats.MunicipalityNumber;
import no.ledger.core.participation.EnterCommitmentAgreement;
import no.ledger.core.participation.EnterOptionAgreement;
import no.ledger.core.participation.ExerciseOption;
import no.ledger.core.participation.GrantExtension;
import no.ledger.core.participation.InviteMunicipality;
import no.ledger.core.participation.LetOptionLapse;
import no.ledger.core.participation.SignDeclaration;
import no.ledger.core.participation.WithdrawDeclaration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** One POST a decision of a municipality in a programme. */
@RestController
@RequestMapping("/api/programmes/{programme}/participants/{number}")
public class ParticipationCommandController {

    private final CommandSender commands;

    public ParticipationCommandController(CommandSender commands) {
        this.commands = commands;
    }

    public record InvitationRequest(@NotNull LocalDate invitedOn, @NotBlank String reference) {
    }

    @Operation(operationId = "inviteMunicipality", summary = "Invite a municipality",
            description = "Records the invitation of a municipality in the programme's scope to sign the declaration "
                    + "of intent.")
    @PostMapping("/invitation")
    public ResponseEntity<RecordedEvents> invite(
            @PathVariable @Identifier String programme,
            @PathVariable @MunicipalityNumber String number,
            @Valid @RequestBody InvitationRequest body, HttpServletRequest request) {
        return commands.record(new InviteMunicipality(programme, number, body.invitedOn(), body.reference()),
                request);
    }

    public record DeclarationRequest(@NotNull LocalDate signedOn, @NotBlank String decisionReference,
                                     @NotBlank String signatory) {
    }

    @Operation(operationId = "signDeclaration", summary = "Sign the declaration of intent",
            description = "Records a municipality's signature, on or before the deadline in force on the signature's "
                    + "date (the programme's, or an extension's).")
    @PostMapping("/declaration")
    public ResponseEntity<RecordedEvents> signDeclaration(
            @PathVariable @Identifier String programme,
            @PathVariable @MunicipalityNumber String number,
            @Valid @RequestBody DeclarationRequest body, HttpServletRequest request) {
        return commands.record(new SignDeclaration(programme, number, body.signedOn(), body.decisionReference(),
                body.signatory()), request);
    }

    public record ExtensionRequest(@NotNull LocalDate grantedOn, @NotNull LocalDate newDeadline,
                                   @NotBlank String reason, String reference) {
    }

    @Operation(operationId = "grantExtension", summary = "Grant an extension",
            description = "Records a later declaration deadline for one municipality, from the day it is granted.")
    @PostMapping("/extension")
    public ResponseEntity<RecordedEvents> grantExtension(
            @PathVariable @Identifier String programme,
            @PathVariable @MunicipalityNumber String number,
            @Valid @RequestBody ExtensionRequest body, HttpServletRequest request) {
        return commands.record(new GrantExtension(programme, number, body.grantedOn(), body.newDeadline(),
                body.reason(), body.reference()), request);
    }

    public record WithdrawalRequest(@NotNull LocalDate withdrawnOn, @NotBlank String reason, String reference) {
    }

    @Operation(operationId = "withdrawDeclaration", summary = "Withdraw the declaration",
            description = "Records the withdrawal of a signed declaration of intent; it may be signed again later.")
    @PostMapping("/declaration/withdrawal")
    public ResponseEntity<RecordedEvents> withdrawDeclaration(
            @PathVariable @Identifier String programme,
            @PathVariable @MunicipalityNumber String number,
            @Valid @RequestBody WithdrawalRequest body, HttpServletRequest request) {
        return commands.record(new WithdrawDeclaration(programme, number, body.withdrawnOn(), body.reason(),
                body.reference()), request);
    }

    public record CommitmentRequest(@NotNull LocalDate enteredOn, @NotBlank String decisionReference) {
    }

    @Operation(operationId = "enterCommitmentAgreement", summary = "Enter a commitment agreement",
            description = "Records a commitment agreement; one agreement is in force at a time, for signers and "
                    + "non-signers alike.")
    @PostMapping("/commitment")
    public ResponseEntity<RecordedEvents> enterCommitment(
            @PathVariable @Identifier String programme,
            @PathVariable @MunicipalityNumber String number,
            @Valid @RequestBody CommitmentRequest body, HttpServletRequest request) {
        return commands.record(new EnterCommitmentAgreement(programme, number, body.enteredOn(),
                body.decisionReference()), request);
    }

    public record OptionRequest(@NotNull LocalDate enteredOn, @NotBlank String decisionReference,
                                LocalDate expiresOn) {
    }

    @Operation(operationId = "enterOptionAgreement", summary = "Enter an option agreement",
            description = "Records an option agreement, optionally expiring on `expiresOn`.")
    @PostMapping("/option")
    public ResponseEntity<RecordedEvents> enterOption(
            @PathVariable @Identifier String programme,
            @PathVariable @MunicipalityNumber String number,
            @Valid @RequestBody OptionRequest body, HttpServletRequest request) {
        return commands.record(new EnterOptionAgreement(programme, number, body.enteredOn(),
                body.decisionReference(), body.expiresOn()), request);
    }

    public record ExerciseRequest(@NotNull LocalDate exercisedOn, @NotBlank String decisionReference) {
    }

    @Operation(operationId = "exerciseOption", summary = "Exercise the option",
            description = "Records the exercise of the option in force: the municipality is committed from then "
                    + "(`viaOption`).")
    @PostMapping("/option/exercise")
    public ResponseEntity<RecordedEvents> exerciseOption(
            @PathVariable @Identifier String programme,
            @PathVariable @MunicipalityNumber String number,
            @Valid @RequestBody ExerciseRequest body, HttpServletRequest request) {
        return commands.record(new ExerciseOption(programme, number, body.exercisedOn(), body.decisionReference()),
                request);
    }

    public record LapseRequest(@NotNull LocalDate lapsedOn, @NotBlank String reason, String reference) {
    }

    @Operation(operationId = "letOptionLapse", summary = "Let the option lapse",
            description = "Records that the option in force ends unexercised.")
    @PostMapping("/option/lapse")
    public ResponseEntity<RecordedEvents> letOptionLapse(
            @PathVariable @Identifier String programme,
            @PathVariable @MunicipalityNumber String number,
            @Valid @RequestBody LapseRequest body, HttpServletRequest request) {
        return commands.record(new LetOptionLapse(programme, number, body.lapsedOn(), body.reason(),
                body.reference()), request);
    }
}
