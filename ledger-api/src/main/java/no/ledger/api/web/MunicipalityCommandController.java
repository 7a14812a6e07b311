package no.ledger.api.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;
import no.ledger.api.web.CommandSender.RecordedEvents;
import no.ledger.api.web.InputFormats.MunicipalityNumber;
import no.ledger.core.municipality.RecordPopulationCount;
import no.ledger.core.municipality.RegisterMunicipality;
import no.ledger.core.shared.HealthRegion;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/municipalities")
public class MunicipalityCommandController {

    private final CommandSender commands;
    private final EffectiveDates dates;

    public MunicipalityCommandController(CommandSender commands, EffectiveDates dates) {
        this.commands = commands;
        this.dates = dates;
    }

    /** {@code registeredOn} defaults to today in Norway. */
    public record RegisterMunicipalityRequest(
            @NotBlank @MunicipalityNumber String number,
            @NotBlank String name,
            @NotBlank String county,
            @NotNull HealthRegion healthRegion,
            LocalDate registeredOn,
            String reference) {
    }

    @Operation(operationId = "registerMunicipality", summary = "Register a municipality",
            description = "Records a municipality by its four-digit number, with its name, county and health region. "
                    + "It is in being from `registeredOn` (default today) and counts in a programme's scope from "
                    + "then.")
    @PostMapping
    public ResponseEntity<RecordedEvents> register(@Valid @RequestBody RegisterMunicipalityRequest body,
                                                   HttpServletRequest request) {
        return commands.record(new RegisterMunicipality(body.number(), body.name(), body.county(),
                body.healthRegion().name(), dates.orToday(body.registeredOn()), body.reference()), request);
    }

    public record PopulationCountRequest(@NotNull @PositiveOrZero Long population, @NotNull LocalDate countedOn,
                                         String reference) {
    }

    @Operation(operationId = "recordPopulationCount", summary = "Record a population count",
            description = "Records the municipality's population counted on a date; shares are measured with the "
                    + "count in force on `asOf` (the latest not after it).")
    @PostMapping("/{number}/population")
    public ResponseEntity<RecordedEvents> countPopulation(
            @PathVariable @MunicipalityNumber String number,
            @Valid @RequestBody PopulationCountRequest body, HttpServletRequest request) {
        return commands.record(new RecordPopulationCount(number, body.population(), body.countedOn(),
                body.reference()), request);
    }
}
