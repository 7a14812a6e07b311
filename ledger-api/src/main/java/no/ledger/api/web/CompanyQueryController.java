package no.ledger.api.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.LocalDate;
import no.ledger.api.web.InputFormats.Identifier;
import no.ledger.projections.ownership.Ownership;
import no.ledger.projections.ownership.OwnershipQueries;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/companies/{company}")
public class CompanyQueryController {

    private final OwnershipQueries ownership;
    private final PointInTime pointInTime;

    public CompanyQueryController(OwnershipQueries ownership, PointInTime pointInTime) {
        this.ownership = ownership;
        this.pointInTime = pointInTime;
    }

    @Operation(operationId = "getOwnership", summary = "Owners of a company",
            description = "Each owner's shares and share of all shares, totals by kind of owner, and whether "
                    + "municipalities hold the majority.")
    @GetMapping("/ownership")
    public Ownership ownership(@PathVariable @Identifier String company,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                               LocalDate asOf,
                               @RequestParam(required = false) Instant knownAt) {
        return ownership.ownership(company, pointInTime.of(asOf, knownAt));
    }
}
