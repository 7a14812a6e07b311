package no.ledger.api.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import no.ledger.api.web.CommandSender.RecordedEvents;
import no.ledger.api.web.InputFormats.Identifier;
import no.ledger.core.programme.DefineProgramme;
import no.ledger.core.programme.Thresholds;
import no.ledger.core.shared.HealthRegion;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/programmes")
public class ProgrammeCommandController {

    private final CommandSender commands;
    private final EffectiveDates dates;

    public ProgrammeCommandController(CommandSender commands, EffectiveDates dates) {
        this.commands = commands;
        this.dates = dates;
    }

    public record ThresholdsRequest(
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") BigDecimal declaration,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") BigDecimal commitment,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") BigDecimal procurement) {
    }

    /** {@code definedOn} defaults to today in Norway. */
    public record DefineProgrammeRequest(
            @NotBlank @Identifier String id,
            @NotBlank String name,
            @NotEmpty List<@NotNull HealthRegion> scopeRegions,
            @NotNull LocalDate declarationDeadline,
            @NotNull @Valid ThresholdsRequest thresholds,
            LocalDate definedOn,
            String reference) {
    }

    @Operation(operationId = "defineProgramme", summary = "Define a programme",
            description = "Records a national programme: the health regions in its scope, the deadline for "
                    + "declarations of intent, and its thresholds as shares of the in-scope population "
                    + "(declaration more than, commitment and procurement at least). `definedOn` defaults to "
                    + "today.")
    @PostMapping
    public ResponseEntity<RecordedEvents> define(@Valid @RequestBody DefineProgrammeRequest body,
                                                 HttpServletRequest request) {
        Thresholds thresholds = new Thresholds(body.thresholds().declaration(), body.thresholds().commitment(),
                body.thresholds().procurement());
        return commands.record(new DefineProgramme(body.id(), body.name(),
                body.scopeRegions().stream().map(HealthRegion::name).toList(), body.declarationDeadline(),
                thresholds, dates.orToday(body.definedOn()), body.reference()), request);
    }
}
