package no.ledger.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;

/** Events written straight into the event table by a transaction that takes its time, as a slow writer's would. */
public final class SlowWriter {

    private SlowWriter() {
    }

    /**
     * A registration of {@code otherNumber} copied from that of {@code number}, as Axon would store it, in the
     * caller's transaction, which the caller commits when it likes. Answers the global index it took.
     */
    public static long insertRegistrationLike(Connection connection, String number, String otherNumber,
                                              Instant timestamp) throws Exception {
        String aggregate;
        byte[] payload;
        byte[] metaData;
        String payloadType;
        try (PreparedStatement read = connection.prepareStatement("SELECT aggregate_identifier, payload_type,"
                + " payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            read.setString(1, "municipality:" + number);
            try (ResultSet row = read.executeQuery()) {
                assertThat(row.next()).isTrue();
                aggregate = row.getString(1).replace(number, otherNumber);
                payloadType = row.getString(2);
                payload = new String(row.getBytes(3), StandardCharsets.UTF_8).replace(number, otherNumber)
                        .getBytes(StandardCharsets.UTF_8);
                metaData = row.getBytes(4);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry"
                + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                + " payload_revision, payload, meta_data) VALUES (?, ?, 0, 'Municipality', ?, ?, NULL, ?, ?)",
                new String[] {"global_index"})) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, aggregate);
            insert.setString(3, DateTimeUtils.formatInstant(timestamp));
            insert.setString(4, payloadType);
            insert.setBytes(5, payload);
            insert.setBytes(6, metaData);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
