package no.ledger.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.Base64;
import no.ledger.api.integrity.TreeStore;
import no.ledger.api.web.CommandSender.RecordedEvents;
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

    /** The event as stored, and where it is in the verifiable log; its leaf is this object without integrity. */
    @GetMapping
    public ObjectNode event(@PathVariable String eventId) {
        ObjectNode event = events.find(eventId).orElseThrow(() -> new UnknownEvent(eventId));
        event.set("integrity", tree.leafOf(eventId).map(leaf -> (JsonNode) JsonNodeFactory.instance.objectNode()
                        .put("leafIndex", leaf.leafIndex())
                        .put("leafHash", Base64.getEncoder().encodeToString(leaf.leafHash())))
                .orElse(JsonNodeFactory.instance.nullNode()));
        return event;
    }

    public record RetractionRequest(@NotBlank String reason, @NotNull LocalDate retractedOn) {
    }

    @PostMapping("/retraction")
    public ResponseEntity<RecordedEvents> retract(@PathVariable String eventId,
                                                  @Valid @RequestBody RetractionRequest body,
                                                  HttpServletRequest request) {
        return commands.record(new RetractDecision(eventId, body.reason(), body.retractedOn()), request);
    }
}
