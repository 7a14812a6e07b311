package no.ledger.api.feed;

import java.nio.charset.StandardCharsets;

/**
 * One recorded event as the feed hands it out: its position in the global order, what filters need to know, and
 * its CloudEvents JSON, written once and sent to every subscriber as is; on a stream, as the bytes of one SSE frame,
 * also made once, when first asked for.
 */
public final class FeedEvent {

    private final long position;
    private final String aggregateId;
    private final String payloadType;
    private final String cloudEventJson;
    private volatile byte[] sseFrame;

    public FeedEvent(long position, String aggregateId, String payloadType, String cloudEventJson) {
        this.position = position;
        this.aggregateId = aggregateId;
        this.payloadType = payloadType;
        this.cloudEventJson = cloudEventJson;
    }

    public long position() {
        return position;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public String payloadType() {
        return payloadType;
    }

    public String cloudEventJson() {
        return cloudEventJson;
    }

    /**
     * The event as a Server-Sent Events frame in UTF-8: its position as the id, its CloudEvents JSON (one line) as
     * the data. Not to be changed by the caller: every subscriber is sent the same array.
     */
    byte[] sseFrame() {
        byte[] frame = sseFrame;
        if (frame == null) {
            // Two threads may both make it: the same bytes either way.
            frame = ("id: " + position + "\ndata: " + cloudEventJson + "\n\n").getBytes(StandardCharsets.UTF_8);
            sseFrame = frame;
        }
        return frame;
    }

    @Override
    public String toString() {
        return "FeedEvent[position=" + position + ", aggregateId=" + aggregateId + ", payloadType=" + payloadType
                + "]";
    }
}
