package no.ledger.api.web;

import jakarta.validation.Valid;
import java.util.UUID;
import no.ledger.api.web.CommandSender.RecordedEvents;
import no.ledger.api.web.InputFormats.Identifier;
import no.ledger.api.web.InputFormats.MunicipalityNumber;
import no.ledger.api.web.ParticipationCommandController.CommitmentRequest;
import no.ledger.api.web.ParticipationCommandController.DeclarationRequest;
import no.ledger.api.web.ParticipationCommandController.ExerciseRequest;
import no.ledger.api.web.ParticipationCommandController.InvitationRequest;
import no.ledger.api.web.ParticipationCommandController.OptionRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floor under REST recording, for {@code RecordingBenchmark} only: the decisions' own requests, taken in by the
 * same server, filters, access rules (a recorder's), JSON reading and validation, and answered as a recorded decision
 * is (201, an event id, its address), with the command left out. What a decision can cost at the least over HTTP on
 * this machine, measured in the same run as the recording and the raw inserts.
 */
@RestController
@RequestMapping("/api/programmes/{programme}/participants/{number}/without-recording")
@ConditionalOnProperty(name = WithoutRecordingController.ENABLED, havingValue = "true")
public class WithoutRecordingController {

    /** Set to {@code true} in the service's properties to have these requests answered. */
    public static final String ENABLED = "benchmark.without-recording";

    /** Added to a decision's address, before its last part: {@code .../{number}/without-recording/declaration}. */
    public static final String SEGMENT = "without-recording";

    @PostMapping("/invitation")
    ResponseEntity<RecordedEvents> invite(@PathVariable @Identifier String programme,
                                          @PathVariable @MunicipalityNumber String number,
                                          @Valid @RequestBody InvitationRequest body) {
        return answered();
    }

    @PostMapping("/declaration")
    ResponseEntity<RecordedEvents> signDeclaration(@PathVariable @Identifier String programme,
                                                   @PathVariable @MunicipalityNumber String number,
                                                   @Valid @RequestBody DeclarationRequest body) {
        return answered();
    }

    @PostMapping("/commitment")
    ResponseEntity<RecordedEvents> enterCommitment(@PathVariable @Identifier String programme,
                                                   @PathVariable @MunicipalityNumber String number,
                                                   @Valid @RequestBody CommitmentRequest body) {
        return answered();
    }

    @PostMapping("/option")
    ResponseEntity<RecordedEvents> enterOption(@PathVariable @Identifier String programme,
                                               @PathVariable @MunicipalityNumber String number,
                                               @Valid @RequestBody OptionRequest body) {
        return answered();
    }

    @PostMapping("/option/exercise")
    ResponseEntity<RecordedEvents> exerciseOption(@PathVariable @Identifier String programme,
                                                  @PathVariable @MunicipalityNumber String number,
                                                  @Valid @RequestBody ExerciseRequest body) {
        return answered();
    }

    /** As a recorded decision is answered; an event's id is a random UUID as Axon's are. */
    private static ResponseEntity<RecordedEvents> answered() {
        return CommandSender.created(UUID.randomUUID().toString());
    }
}
