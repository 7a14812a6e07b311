package no.ledger.api.idempotency;

/**
 * A request ran so long that its claim on its key expired and a retry took the key over: this request must not
 * record, so its unit of work is rolled back.
 */
public class IdempotencyClaimLost extends RuntimeException {

    public IdempotencyClaimLost(IdempotencyClaim claim) {
        super("the request's claim on Idempotency-Key '" + claim.key() + "' expired and a retry took it over;"
                + " nothing was recorded by this request");
    }
}
