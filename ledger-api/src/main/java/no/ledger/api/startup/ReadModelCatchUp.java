package no.ledger.api.startup;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import no.ledger.api.projection.FoldedUpTo;
import no.ledger.api.projection.ProjectionProgress;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the read models have processed the event stream up to a position, judged by the tokens the processors
 * store rather than by this instance's own processors: instances sharing the database split the segments, so a
 * read model can be caught up although this instance processes none of it (and one killed a moment ago may still
 * hold claims that this instance cannot take over before they time out).
 */
@Component
public class ReadModelCatchUp {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ProjectionProgress progress;
    private final FoldedUpTo foldedUpTo;

    public ReadModelCatchUp(JdbcTemplate jdbc, Serializer serializer, ProjectionProgress progress,
                            FoldedUpTo foldedUpTo) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.progress = progress;
        this.foldedUpTo = foldedUpTo;
    }

    /** Each read model processor's segments with the position of its stored token (-1 for none yet). */
    public Map<String, Map<Integer, Long>> positions() {
        Map<String, Map<Integer, Long>> positions = new TreeMap<>();
        tokens().forEach((processor, segments) -> {
            Map<Integer, Long> at = new TreeMap<>();
            segments.forEach((segment, token) -> at.put(segment, token == null ? -1 : token.position().orElse(-1)));
            positions.put(processor, at);
        });
        return positions;
    }

    /**
     * Whether every segment of every processor has folded every event up to the position (any, when negative),
     * including those committed after the segment had passed them (see {@link FoldedUpTo}).
     */
    public boolean reached(long position) {
        if (position < 0) {
            return true;
        }
        return tokens().values().stream().allMatch(segments -> !segments.isEmpty()
                && segments.values().stream().allMatch(token -> foldedUpTo.covers(token, position)));
    }

    /** Each read model processor's segments with their stored token (null for none yet). */
    private Map<String, Map<Integer, TrackingToken>> tokens() {
        Set<String> processors = progress.processors().keySet();
        Map<String, Map<Integer, TrackingToken>> tokens = new TreeMap<>();
        processors.forEach(processor -> tokens.put(processor, new TreeMap<>()));
        jdbc.query("SELECT processor_name, segment, token, token_type FROM token_entry", row -> {
            Map<Integer, TrackingToken> segments = tokens.get(row.getString(1));
            if (segments != null) {
                segments.put(row.getInt(2), token(row.getBytes(3), row.getString(4)));
            }
        });
        return tokens;
    }

    private TrackingToken token(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }
}
