package no.ledger.api.idempotency;

import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Stores a decision's answer in the transaction that records its events. The command bus runs handler interceptors
 * inside the unit of work's transaction, and the event store appends the events when that unit of work commits, in
 * the same transaction: so either the events and the answer are both committed, or neither is. A retry therefore
 * never finds the events without the answer, and a request whose claim was taken over cannot record (its update
 * finds another token and rolls its unit of work back).
 */
public class IdempotentCommandInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final IdempotencyKeys keys;
    private final Function<Object, StoredAnswer> answerOfResult;

    /** @param answerOfResult the answer the API gives for a command's result (the recorded event's id) */
    public IdempotentCommandInterceptor(IdempotencyKeys keys, Function<Object, StoredAnswer> answerOfResult) {
        this.keys = keys;
        this.answerOfResult = answerOfResult;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        // A nested command (a retraction sent on to its aggregate) carries the caller's metadata too; the answer is
        // the outermost command's, stored once, in the one transaction they share.
        IdempotencyClaim claim = unitOfWork.isRoot()
                ? IdempotencyClaim.fromMetaData(unitOfWork.getMessage().getMetaData()) : null;
        Object result = interceptorChain.proceed();
        if (claim != null) {
            keys.recordWithEvents(claim, answerOfResult.apply(result));
        }
        return result;
    }
}
