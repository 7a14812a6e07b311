package no.ledger.api.idempotency;

/** What a request answered, kept to be answered again to a repeat: status, the headers that matter, and body. */
public record StoredAnswer(int status, String contentType, String location, byte[] body) {
}
