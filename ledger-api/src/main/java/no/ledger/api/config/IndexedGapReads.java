package no.ledger.api.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;

/**
 * How the event processors read the events after their position together with the gaps below it (global indexes of
 * transactions that had not committed when the reader passed them). Axon's own statement asks for
 * {@code (global_index > ? AND global_index <= ?) OR global_index IN (…)}: PostgreSQL answers that from the primary
 * key, H2 cannot, and reads the whole event table each time. With concurrent writers a gap is open most of the time,
 * so every read of new events on H2 cost as much as the history is long. Here the range and the gaps are two reads
 * of the primary key joined by {@code UNION ALL}; the gaps are only looked for at or below the position, where Axon
 * keeps them, so no event can come twice.
 */
final class IndexedGapReads implements ReadEventDataWithGapsStatementBuilder {

    static String sql(EventSchema schema, int gaps) {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String index = schema.globalIndexColumn();
        return select + index + " > ? AND " + index + " <= ?"
                + " UNION ALL " + select + index + " <= ? AND " + index + " IN ("
                + String.join(", ", Collections.nCopies(gaps, "?")) + ")"
                + " ORDER BY " + index;
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                   List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql(schema, gaps.size()));
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        statement.setLong(3, globalIndex);
        for (int gap = 0; gap < gaps.size(); gap++) {
            statement.setLong(gap + 4, gaps.get(gap));
        }
        return statement;
    }
}
