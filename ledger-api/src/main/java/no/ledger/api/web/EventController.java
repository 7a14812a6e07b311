package no.ledger.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.Base64;
import no.ledger.api.integrity.TreeStore;
import no.ledger.api.web.CommandSender.RecordedEvents;
import no.ledger.api.web.InputFormats.EventId;
import no.ledger.core.retraction.RetractDecision;
import no.ledger.core.shared.UnknownEvent;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Recorded events by id: each one as stored, and its retraction. */
@RestController
@RequestMapping("/api/events/{eventId}")
public class EventController {

    private final CommandSender commands;
    private final RecordedEventReader events;
    private final TreeStore tree;

    public EventController(CommandSender commands, RecordedEventReader events, TreeStore tree) {
        this.commands = commands;
        this.events = events;
        this.tree = tree;
    }

    @Operation(operationId = "getEvent", summary = "Read one recorded event",
            description = "The event as stored: its type, aggregate, effective date, recorded time, who recorded it, "
                    + "its payload, and where it is in the verifiable log (`integrity`: `leafIndex` and `leafHash`, "
                    + "null until sequenced). Its leaf is the RFC 8785 canonical JSON of this object without "
                    + "`integrity`.")
    @GetMapping
    public ObjectNode event(@PathVariable @EventId String eventId) {
        ObjectNode event = events.find(eventId).orElseThrow(() -> new UnknownEvent(eventId));
        event.set("integrity", tree.leafOf(eventId).map(leaf -> (JsonNode) JsonNodeFactory.instance.objectNode()
                        .put("leafIndex", leaf.leafIndex())
                        .put("leafHash", Base64.getEncoder().encodeToString(leaf.leafHash())))
                .orElse(JsonNodeFactory.instance.nullNode()));
        return event;
    }

    public record RetractionRequest(@NotBlank String reason, @NotNull LocalDate retractedOn) {
    }

    @Operation(operationId = "retractEvent", summary = "Retract a mistaken event",
            description = "Records a retraction that voids the event for every `asOf`, for a `knownAt` from the "
                    + "retraction's recording on. The original stays in the history.")
    @PostMapping("/retraction")
    public ResponseEntity<RecordedEvents> retract(@PathVariable @EventId String eventId,
                                                  @Valid @RequestBody RetractionRequest body,
                                                  HttpServletRequest request) {
        return commands.record(new RetractDecision(eventId, body.reason(), body.retractedOn()), request);
    }
}
