package no.ledger.api.startup;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    public ReadModelCatchUp(JdbcTemplate jdbc, Serializer serializer, ProjectionProgress progress) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.progress = progress;
    }

    /** Each read model processor's segments with the position of its stored token (-1 for none yet). */
    public Map<String, Map<Integer, Long>> positions() {
        Set<String> processors = progress.processors().keySet();
        Map<String, Map<Integer, Long>> positions = new TreeMap<>();
        processors.forEach(processor -> positions.put(processor, new TreeMap<>()));
        jdbc.query("SELECT processor_name, segment, token, token_type FROM token_entry", row -> {
            Map<Integer, Long> segments = positions.get(row.getString(1));
            if (segments != null) {
                segments.put(row.getInt(2), position(row.getBytes(3), row.getString(4)));
            }
        });
        return positions;
    }

    /** Whether every segment of every processor has processed the event at the position (any, when negative). */
    public boolean reached(long position) {
        if (position < 0) {
            return true;
        }
        return positions().values().stream().allMatch(segments -> !segments.isEmpty()
                && segments.values().stream().allMatch(at -> at >= position));
    }

    private long position(byte[] token, String type) {
        if (token == null || type == null) {
            return -1;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return tracking == null ? -1 : tracking.position().orElse(-1);
    }
}
