package no.ledger.api.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import no.ledger.api.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/read-models/rebuild}: rebuild every read model from the event store without downtime
 * (202 and the rebuild's address; 409 while one runs anywhere). {@code GET} on that address: its progress.
 */
@RestController
@RequestMapping("/api/admin/read-models/rebuild")
@Tag(name = "Operations", description = "What operators run: rebuilding the read models.")
public class ReadModelRebuildController {

    private static final String ADDRESS = "/api/admin/read-models/rebuild/";

    private final ReadModelRebuilder rebuilder;
    private final ReadModelRebuilds rebuilds;

    public ReadModelRebuildController(ReadModelRebuilder rebuilder, ReadModelRebuilds rebuilds) {
        this.rebuilder = rebuilder;
        this.rebuilds = rebuilds;
    }

    @Operation(operationId = "rebuildReadModels", summary = "Rebuild every read model from the event store",
            description = "New tables are filled beside the live ones, which keep answering, then put in their place "
                    + "at once; every instance goes on with them. Only one rebuild runs at a time, over all "
                    + "instances. Role `OPERATOR`.")
    @ApiResponse(responseCode = "202", description = "Started: its progress is at `Location`.",
            headers = @Header(name = "Location", description = "GET /api/admin/read-models/rebuild/{id}"))
    @PostMapping
    public ResponseEntity<RebuildStatus> rebuild(Principal caller) {
        RebuildStatus started = rebuilder.start(caller.getName());
        return ResponseEntity.accepted().location(URI.create(ADDRESS + started.rebuildId())).body(started);
    }

    @Operation(operationId = "getLatestReadModelRebuild", summary = "The latest rebuild of the read models",
            description = "Its state and phase, events done of events in all, the rate and the expected end.")
    @ApiResponse(responseCode = "200", description = "The latest rebuild as it stands.")
    @GetMapping
    public ResponseEntity<RebuildStatus> latest() {
        return rebuilds.latest().map(ResponseEntity::ok).orElseThrow(() -> new RebuildNotFound(
                "no rebuild has been run"));
    }

    @Operation(operationId = "getReadModelRebuild", summary = "A rebuild of the read models",
            description = "Its state and phase, events done of events in all, the rate and the expected end.")
    @ApiResponse(responseCode = "200", description = "The rebuild as it stands.")
    @GetMapping("/{id}")
    public ResponseEntity<RebuildStatus> status(@PathVariable long id) {
        return rebuilds.find(id).map(ResponseEntity::ok).orElseThrow(() -> new RebuildNotFound(
                "no rebuild has this id"));
    }

    @ExceptionHandler(RebuildInProgress.class)
    public ResponseEntity<ProblemDetail> inProgress(RebuildInProgress running) {
        ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, "rebuild-in-progress", null,
                "rebuild " + running.running() + " is running; follow it at " + ADDRESS + running.running());
        problem.setProperty("running", ADDRESS + running.running());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(RebuildRefused.class)
    public ResponseEntity<ProblemDetail> refused(RebuildRefused refused) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.problem(HttpStatus.CONFLICT,
                "rebuild-alone-on-h2", null, refused.getMessage()));
    }

    @ExceptionHandler(RebuildNotFound.class)
    public ResponseEntity<ProblemDetail> notFound(RebuildNotFound missing) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(HttpStatus.NOT_FOUND,
                "rebuild-exists", "id", missing.getMessage()));
    }

    /** No rebuild answers to the id asked for. */
    static final class RebuildNotFound extends RuntimeException {
        RebuildNotFound(String detail) {
            super(detail);
        }
    }
}
