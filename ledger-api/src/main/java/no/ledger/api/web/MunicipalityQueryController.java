package no.ledger.api.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import no.ledger.api.web.InputFormats.MunicipalityNumber;
import no.ledger.projections.history.HistoryCursor;
import no.ledger.projections.history.HistoryEntry;
import no.ledger.projections.history.HistoryQueries;
import no.ledger.projections.listing.Page;
import no.ledger.projections.timeline.AsOf;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/municipalities/{number}")
public class MunicipalityQueryController {

    private final HistoryQueries history;
    private final PointInTime pointInTime;

    public MunicipalityQueryController(HistoryQueries history, PointInTime pointInTime) {
        this.history = history;
        this.pointInTime = pointInTime;
    }

    public record History(String number, LocalDate asOf, Instant knownAt, List<HistoryEntry> events, String next) {
    }

    /** Every event about the municipality, across programmes and companies, oldest recorded first, a page at a time. */
    @Operation(operationId = "getMunicipalityHistory", summary = "History of a municipality",
            description = "Every event about the municipality, across programmes and companies, oldest recorded "
                    + "first, with who recorded it and, where mended, its retraction. Paged by `limit` and the "
                    + "opaque `after` of the `next` link.")
    @GetMapping("/history")
    public History history(@PathVariable @MunicipalityNumber String number,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                           LocalDate asOf,
                           @RequestParam(required = false) Instant knownAt,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String after) {
        AsOf at = pointInTime.of(asOf, knownAt);
        int size = Paging.limit(limit);
        Page<HistoryEntry> page = history.page(number, at, cursor(after), size);
        return new History(number, at.asOf(), at.knownAt(), page.items(), Paging.next(page.nextAfter(), at, size));
    }

    private static HistoryCursor cursor(String after) {
        if (after == null) {
            return null;
        }
        try {
            return HistoryCursor.of(after);
        } catch (IllegalArgumentException notACursor) {
            throw new Paging.InvalidPaging("after", "page-cursor",
                    "after must be the cursor of a next link this ledger gave; got '" + after + "'");
        }
    }
}
