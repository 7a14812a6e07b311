package no.ledger.api.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import no.ledger.projections.ProcessingGroups;
import no.ledger.projections.rebuild.ReadModelCopy;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

/**
 * Which events the read model processors have folded into the live tables, read from their stored tokens (one a
 * segment; an event belongs to the segment of its aggregate, as the processors' sequencing policy has it). A rebuild
 * brings its copies to exactly this before it switches them in, so that each processor goes on from its token with
 * tables that hold what the token says.
 */
final class ProcessedEvents implements ReadModelCopy.Coverage {

    private record SegmentToken(Segment segment, TrackingToken token) {
    }

    private final Map<String, List<SegmentToken>> byGroup;

    private ProcessedEvents(Map<String, List<SegmentToken>> byGroup) {
        this.byGroup = byGroup;
    }

    static ProcessedEvents read(Connection connection, Serializer serializer) throws SQLException {
        Map<String, Map<Integer, TrackingToken>> tokens = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT processor_name, segment, token, token_type FROM token_entry");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                byte[] bytes = rows.getBytes("token");
                TrackingToken token = bytes == null ? null : serializer.deserialize(new SimpleSerializedObject<>(
                        bytes, byte[].class, new SimpleSerializedType(rows.getString("token_type"), null)));
                tokens.computeIfAbsent(rows.getString("processor_name"), ignored -> new HashMap<>())
                        .put(rows.getInt("segment"), token);
            }
        }
        Map<String, List<SegmentToken>> byGroup = new HashMap<>();
        for (String group : ProcessingGroups.ALL) {
            Map<Integer, TrackingToken> segments = tokens.getOrDefault(group, Map.of());
            int[] ids = segments.keySet().stream().mapToInt(Integer::intValue).toArray();
            List<SegmentToken> list = new ArrayList<>();
            segments.forEach((id, token) -> list.add(new SegmentToken(Segment.computeSegment(id, ids), token)));
            byGroup.put(group, list);
        }
        return new ProcessedEvents(byGroup);
    }

    @Override
    public boolean covers(String group, String aggregateId, long globalIndex) {
        int hash = Objects.hashCode(aggregateId);
        for (SegmentToken segment : byGroup.getOrDefault(group, List.of())) {
            if (segment.segment().matches(hash)) {
                return processed(segment.token(), globalIndex);
            }
        }
        return false;
    }

    /**
     * The highest global index up to which every processor has folded every event: no event at or below it is
     * still to come to any read model (the lower bound of each token: below its first gap). -1 if none has begun.
     */
    long everywhereUpTo() {
        long lowest = Long.MAX_VALUE;
        for (List<SegmentToken> segments : byGroup.values()) {
            if (segments.isEmpty()) {
                return -1;
            }
            for (SegmentToken segment : segments) {
                if (segment.token() == null) {
                    return -1;
                }
                lowest = Math.min(lowest, lowestCovered(segment.token()));
            }
        }
        return lowest == Long.MAX_VALUE ? -1 : lowest;
    }

    /** Whether the token has gone past the event at the index: at or below its index, and not one of its gaps. */
    private static boolean processed(TrackingToken token, long globalIndex) {
        TrackingToken unwrapped = token == null ? null : WrappedToken.unwrapUpperBound(token);
        if (unwrapped instanceof GapAwareTrackingToken gapAware) {
            return globalIndex <= gapAware.getIndex() && !gapAware.getGaps().contains(globalIndex);
        }
        return unwrapped != null && unwrapped.position().orElse(-1) >= globalIndex;
    }

    private static long lowestCovered(TrackingToken token) {
        TrackingToken unwrapped = WrappedToken.unwrapLowerBound(token);
        if (unwrapped instanceof GapAwareTrackingToken gapAware) {
            return gapAware.hasGaps() ? gapAware.getGaps().first() - 1 : gapAware.getIndex();
        }
        return unwrapped == null ? -1 : unwrapped.position().orElse(-1);
    }
}
