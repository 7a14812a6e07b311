package no.ledger.api.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.stereotype.Component;

/**
 * The last event each read model processor failed on. Failures are never swallowed: the error is passed on, so the
 * processor rolls back and tries the same event again later (backing off up to a minute); meanwhile the failure is
 * kept here for the health check. It is forgotten once the event is handled, or when it has not recurred for
 * {@link #FORGET_AFTER} (another instance may have taken the segment and got past it).
 */
@Component
public class ProjectionFailures {

    static final Duration FORGET_AFTER = Duration.ofMinutes(3);

    public record Failure(String eventId, long position, String eventType, String error, Instant at) {
    }

    private final Map<String, Failure> lastFailures = new ConcurrentHashMap<>();
    private final Clock clock;

    public ProjectionFailures(Clock clock) {
        this.clock = clock;
    }

    /** An error handler for a processor that records the failure and propagates it. */
    public ListenerInvocationErrorHandler recordingAndPropagating(String processor) {
        return (exception, event, handler) -> {
            lastFailures.put(processor, new Failure(event.getIdentifier(), position(event),
                    event.getPayloadType().getSimpleName(), String.valueOf(exception), clock.instant()));
            throw exception;
        };
    }

    /** An interceptor for a processor that forgets its failure once the failed event is handled. */
    public MessageHandlerInterceptor<EventMessage<?>> forgettingOnSuccess(String processor) {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            String handled = unitOfWork.getMessage().getIdentifier();
            lastFailures.computeIfPresent(processor, (name, failure) ->
                    failure.eventId().equals(handled) ? null : failure);
            return result;
        };
    }

    public Optional<Failure> outstanding(String processor) {
        Failure failure = lastFailures.get(processor);
        if (failure != null && failure.at().plus(FORGET_AFTER).isBefore(clock.instant())) {
            lastFailures.remove(processor, failure);
            return Optional.empty();
        }
        return Optional.ofNullable(failure);
    }

    private static long position(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElse(-1);
        }
        return -1;
    }
}
