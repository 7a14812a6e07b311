package no.ledger.projections.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which events a rebuild's copies hold: every event at or below {@code upTo} except the {@code missing} ones, whose
 * global index was taken but whose transaction had not committed when the copy read that far (it may yet, or never
 * will). This is what a gap-aware tracking token says, and it becomes the processors' token when the copies are
 * switched in. Missing positions further back than {@link #GAP_WINDOW} are taken to be rolled back for good, as
 * Axon's tokens take them.
 */
public record CopiedPositions(long upTo, SortedSet<Long> missing) {

    /** Axon's default for how far back a gap-aware token keeps waiting for a missing position. */
    public static final long GAP_WINDOW = 10_000;

    public CopiedPositions {
        missing = Collections.unmodifiableSortedSet(new TreeSet<>(missing));
    }

    /** The event table's head, as the connection sees it now: its highest index and what is missing below it. */
    public static CopiedPositions head(Connection connection) throws SQLException {
        long upTo;
        try (PreparedStatement max = connection.prepareStatement("SELECT MAX(global_index) FROM domain_event_entry");
             ResultSet row = max.executeQuery()) {
            row.next();
            upTo = row.getLong(1);
            if (row.wasNull()) {
                upTo = -1;
            }
        }
        SortedSet<Long> missing = new TreeSet<>();
        long from = Math.max(1, upTo - GAP_WINDOW + 1);
        for (long index = from; index <= upTo; index++) {
            missing.add(index);
        }
        try (PreparedStatement present = connection.prepareStatement(
                "SELECT global_index FROM domain_event_entry WHERE global_index >= ? AND global_index <= ?")) {
            present.setLong(1, from);
            present.setLong(2, upTo);
            try (ResultSet rows = present.executeQuery()) {
                while (rows.next()) {
                    missing.remove(rows.getLong(1));
                }
            }
        }
        return new CopiedPositions(upTo, missing);
    }

    /** Whether an event at the index is one these positions do not hold yet, to be folded in to reach {@code next}. */
    public boolean lacks(long globalIndex) {
        return globalIndex > upTo || missing.contains(globalIndex);
    }

    /** The lowest index these positions may lack. */
    public long lowestLacking() {
        return missing.isEmpty() ? upTo + 1 : Math.min(missing.first(), upTo + 1);
    }
}
