package no.ledger.api.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.LocalDate;
import no.ledger.api.web.CommandSender.RecordedEvents;
import no.ledger.api.web.InputFormats.Identifier;
import no.ledger.core.company.FoundCompany;
import no.ledger.core.company.IssueShares;
import no.ledger.core.company.TransferShares;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/companies")
public class CompanyCommandController {

    private final CommandSender commands;

    public CompanyCommandController(CommandSender commands) {
        this.commands = commands;
    }

    public record FoundCompanyRequest(@NotBlank @Identifier String id,
                                      @NotBlank String name, @NotNull LocalDate foundedOn, String reference) {
    }

    @Operation(operationId = "foundCompany", summary = "Found a company",
            description = "Records a joint company, such as Akson journal, founded on a date.")
    @PostMapping
    public ResponseEntity<RecordedEvents> found(@Valid @RequestBody FoundCompanyRequest body,
                                                HttpServletRequest request) {
        return commands.record(new FoundCompany(body.id(), body.name(), body.foundedOn(), body.reference()), request);
    }

    /** {@code owner}: a municipality number, {@code KS}, {@code STATE}, or another party's id. */
    public record ShareIssueRequest(@NotBlank String owner, @NotNull @Positive Long shares,
                                    @NotNull LocalDate issuedOn, String reference) {
    }

    @Operation(operationId = "issueShares", summary = "Issue shares",
            description = "Records shares issued to an owner: a municipality number, `KS`, `STATE`, or another "
                    + "party's id.")
    @PostMapping("/{company}/share-issues")
    public ResponseEntity<RecordedEvents> issueShares(
            @PathVariable @Identifier String company,
            @Valid @RequestBody ShareIssueRequest body, HttpServletRequest request) {
        return commands.record(new IssueShares(company, body.owner(), body.shares(), body.issuedOn(),
                body.reference()), request);
    }

    public record ShareTransferRequest(@NotBlank String from, @NotBlank String to, @NotNull @Positive Long shares,
                                       @NotNull LocalDate transferredOn, String reference) {
    }

    @Operation(operationId = "transferShares", summary = "Transfer shares",
            description = "Records shares transferred from one owner to another; at most what the sender holds on the "
                    + "date.")
    @PostMapping("/{company}/share-transfers")
    public ResponseEntity<RecordedEvents> transferShares(
            @PathVariable @Identifier String company,
            @Valid @RequestBody ShareTransferRequest body, HttpServletRequest request) {
        return commands.record(new TransferShares(company, body.from(), body.to(), body.shares(),
                body.transferredOn(), body.reference()), request);
    }
}
