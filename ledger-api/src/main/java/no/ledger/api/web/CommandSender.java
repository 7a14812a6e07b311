package no.ledger.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import no.ledger.api.config.AxonConfiguration;
import no.ledger.api.idempotency.IdempotencyClaim;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Sends a decision's command on behalf of the caller and answers the REST way: 201 Created with the recorded
 * event's id, and its address. Broken rules surface as the core's exceptions, which {@link ProblemDetailsAdvice}
 * turns into problem documents.
 */
@Component
public class CommandSender {

    private final CommandGateway commandGateway;

    public CommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    public ResponseEntity<RecordedEvents> record(Object command, HttpServletRequest request) {
        MetaData metaData = MetaData.with(AxonConfiguration.RECORDED_BY, recordedBy(request));
        if (request.getAttribute(IdempotencyClaim.REQUEST_ATTRIBUTE) instanceof IdempotencyClaim claim) {
            // The answer is then stored with the events, in their transaction (IdempotentCommandInterceptor).
            metaData = metaData.mergedWith(claim.asMetaData());
        }
        String eventId = commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(metaData));
        return created(eventId);
    }

    /**
     * 201 Created with the recorded event's id and address; a repeat with the same Idempotency-Key gets it too. The
     * address is absolute, as the caller sees the service: behind a gateway, its origin from the forwarded headers.
     */
    public static ResponseEntity<RecordedEvents> created(String eventId) {
        URI location = RequestContextHolder.getRequestAttributes() == null ? URI.create("/api/events/" + eventId)
                : ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/events/{eventId}")
                .buildAndExpand(eventId).toUri();
        return ResponseEntity.created(location).body(new RecordedEvents(List.of(eventId)));
    }

    /** The authenticated caller: access rules let no decision through without one. */
    static String recordedBy(HttpServletRequest request) {
        Principal caller = request.getUserPrincipal();
        if (caller == null || caller.getName() == null || caller.getName().isBlank()) {
            throw new IllegalStateException("a decision reached the command path without an authenticated caller");
        }
        return caller.getName();
    }

    /** The answer to a recorded decision: the ids of the events it recorded. */
    public record RecordedEvents(List<String> eventIds) {
    }
}
