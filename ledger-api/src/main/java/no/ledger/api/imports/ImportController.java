package no.ledger.api.imports;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import no.ledger.api.web.Problems;
import no.ledger.core.shared.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/imports?kind=declarations&programme=akson} with a CSV body: 202 Accepted and the import's
 * address when every row holds, 422 with every rejected row otherwise, 200 with the earlier import when the same
 * file was imported before. {@code GET /api/imports/{id}}: its progress, and the events it recorded.
 */
@RestController
@RequestMapping("/api/imports")
public class ImportController {

    private final Imports imports;

    public ImportController(Imports imports) {
        this.imports = imports;
    }

    @Operation(operationId = "importDecisions", summary = "Import a CSV file of decisions of one kind",
            description = "The whole file is checked first, every row by the rules of its POST; any problem is 422 "
                    + "with every rejected row, and nothing is recorded. A clean file is 202 and recorded in the "
                    + "background; the same file twice records nothing the second time (200, `duplicate`).")
    @ApiResponse(responseCode = "202", description = "Accepted: the import's progress is at `Location`.",
            headers = @Header(name = "Location", description = "GET /api/imports/{id}"))
    @PostMapping(consumes = {"text/csv", "text/plain"})
    public ResponseEntity<ImportStatus> importFile(@RequestParam String kind,
                                                   @RequestParam Map<String, String> parameters,
                                                   @RequestBody byte[] body, HttpServletRequest request) {
        ImportKind importKind = ImportKind.named(kind).orElseThrow(() -> new InvalidInput("import-kind", "kind",
                "must be one of declarations, extensions, commitments, options, exercises, share-issues"));
        String target = parameters.get(importKind.targetParameter());
        if (target == null || !target.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new InvalidInput("required", importKind.targetParameter(), "name the " + importKind
                    .targetParameter() + " of the " + kind + ", as ?" + importKind.targetParameter() + "=akson");
        }
        ImportStatus status = imports.start(importKind, target, new String(body, StandardCharsets.UTF_8),
                caller(request));
        if (Boolean.TRUE.equals(status.duplicate())) {
            return ResponseEntity.ok().location(URI.create("/api/imports/" + status.id())).body(status);
        }
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + status.id())).body(status);
    }

    @Operation(operationId = "getImport", summary = "An import's progress",
            description = "Its state (`RUNNING`, `DONE`, `FAILED`), rows done of rows in all, and the events recorded.")
    @GetMapping("/{id}")
    public ResponseEntity<?> status(@PathVariable String id) {
        return imports.status(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(
                        HttpStatus.NOT_FOUND, "import-started", "id", "no import has this id")));
    }

    /** Every refused row at once, as the problem's {@code errors}. */
    @ExceptionHandler(ImportRejected.class)
    public ResponseEntity<ProblemDetail> rejected(ImportRejected rejected) {
        ProblemDetail problem = Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "import-rows-valid", null,
                rejected.problems().size() + " problem(s) in " + rejected.rowsInAll()
                        + " row(s); nothing was recorded");
        problem.setProperty("rowsInAll", rejected.rowsInAll());
        problem.setProperty("errors", rejected.problems());
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    private static String caller(HttpServletRequest request) {
        Principal caller = request.getUserPrincipal();
        if (caller == null) {
            throw new IllegalStateException("an import reached the command path without an authenticated caller");
        }
        return caller.getName();
    }
}
