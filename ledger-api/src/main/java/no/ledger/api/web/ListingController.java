package no.ledger.api.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import no.ledger.core.shared.HealthRegion;
import no.ledger.projections.listing.Page;
import no.ledger.projections.ownership.CompanyQueries;
import no.ledger.projections.ownership.CompanyQueries.CompanyListing;
import no.ledger.projections.register.RegisterQueries;
import no.ledger.projections.register.RegisterQueries.MunicipalityFilter;
import no.ledger.projections.register.RegisterQueries.MunicipalityListing;
import no.ledger.projections.register.RegisterQueries.ProgrammeListing;
import no.ledger.projections.timeline.AsOf;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What there is: the programmes, municipalities and companies as the ledger knew them at {@code knownAt} and in
 * being on {@code asOf}, a page at a time in key order.
 */
@RestController
public class ListingController {

    private static final Pattern MUNICIPALITY_NUMBER = Pattern.compile("\\d{4}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final RegisterQueries registers;
    private final CompanyQueries companies;
    private final PointInTime pointInTime;

    public ListingController(RegisterQueries registers, CompanyQueries companies, PointInTime pointInTime) {
        this.registers = registers;
        this.companies = companies;
        this.pointInTime = pointInTime;
    }

    public record Programmes(LocalDate asOf, Instant knownAt, int count, List<ProgrammeListing> programmes,
                             String next) {
    }

    @Operation(operationId = "listProgrammes", summary = "List programmes",
            description = "The programmes defined by `asOf`, as known at `knownAt`, by id; paged by `limit` and "
                    + "`after`.")
    @GetMapping("/api/programmes")
    public Programmes programmes(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                 LocalDate asOf,
                                 @RequestParam(required = false) Instant knownAt,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String after) {
        AsOf at = pointInTime.of(asOf, knownAt);
        int size = Paging.limit(limit);
        Page<ProgrammeListing> page = registers.programmes(at,
                Paging.after(after, IDENTIFIER, "a programme id such as akson"), size);
        return new Programmes(at.asOf(), at.knownAt(), page.items().size(), page.items(),
                Paging.next(page.nextAfter(), at, size));
    }

    public record Municipalities(LocalDate asOf, Instant knownAt, int count,
                                 List<MunicipalityListing> municipalities, String next) {
    }

    @Operation(operationId = "listMunicipalities", summary = "List municipalities",
            description = "The municipalities registered by `asOf`, as known at `knownAt`, by number, with their "
                    + "population in force; filters `healthRegion` and `county`; paged by `limit` and `after`.")
    @GetMapping("/api/municipalities")
    public Municipalities municipalities(@RequestParam(required = false)
                                         @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                         @RequestParam(required = false) Instant knownAt,
                                         @RequestParam(required = false) HealthRegion healthRegion,
                                         @RequestParam(required = false) String county,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String after) {
        AsOf at = pointInTime.of(asOf, knownAt);
        int size = Paging.limit(limit);
        Page<MunicipalityListing> page = registers.municipalities(at, new MunicipalityFilter(healthRegion, county),
                Paging.after(after, MUNICIPALITY_NUMBER, "a municipality number of four digits, such as 0301"),
                size);
        return new Municipalities(at.asOf(), at.knownAt(), page.items().size(), page.items(),
                Paging.next(page.nextAfter(), at, size));
    }

    public record Companies(LocalDate asOf, Instant knownAt, int count, List<CompanyListing> companies,
                            String next) {
    }

    @Operation(operationId = "listCompanies", summary = "List companies",
            description = "The companies founded by `asOf`, as known at `knownAt`, by id, with the shares issued; "
                    + "paged by `limit` and `after`.")
    @GetMapping("/api/companies")
    public Companies companies(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                               LocalDate asOf,
                               @RequestParam(required = false) Instant knownAt,
                               @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) String after) {
        AsOf at = pointInTime.of(asOf, knownAt);
        int size = Paging.limit(limit);
        Page<CompanyListing> page = companies.companies(at,
                Paging.after(after, IDENTIFIER, "a company id such as akson-journal"), size);
        return new Companies(at.asOf(), at.knownAt(), page.items().size(), page.items(),
                Paging.next(page.nextAfter(), at, size));
    }
}
