package no.ledger.api.feed;

/**
 * One recorded event as the feed hands it out: its position in the global order, what filters need to know, and
 * its CloudEvents JSON, written once and sent to every subscriber as is.
 */
public record FeedEvent(long position, String aggregateId, String payloadType, String cloudEventJson) {
}
