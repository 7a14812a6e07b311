package no.ledger.api.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether a processor's token shows every event up to a position folded. Its position alone does not: concurrent
 * decisions commit out of order, so a processor may fold the event at index 8 while the one at 7 is still being
 * written. The token then keeps 7 as a gap, and the processor folds that event once it is committed, which can be
 * after a restart. Until then the read model misses a decision that was acknowledged, and its position says
 * otherwise. So a gap below the position counts as not folded when an event stands there now; a gap with no event
 * (a transaction that rolled back) does not.
 */
@Component
public class FoldedUpTo {

    /** Gaps asked about in one statement; a token keeps at most a few thousand. */
    private static final int GAPS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;

    public FoldedUpTo(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the processor whose token this is has folded every event at or below the position. */
    public boolean covers(TrackingToken token, long position) {
        if (position < 0) {
            return true;
        }
        if (token == null) {
            return false;
        }
        // A segment being replayed folds from where its replay has come.
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current.position().orElse(-1) < position) {
            return false;
        }
        if (!(current instanceof GapAwareTrackingToken gapAware)) {
            return true;
        }
        return !anyEventAt(new ArrayList<>(gapAware.getGaps().headSet(position + 1)));
    }

    private boolean anyEventAt(List<Long> globalIndexes) {
        for (int from = 0; from < globalIndexes.size(); from += GAPS_PER_QUERY) {
            List<Long> chunk = globalIndexes.subList(from, Math.min(globalIndexes.size(), from + GAPS_PER_QUERY));
            String placeholders = String.join(",", Collections.nCopies(chunk.size(), "?"));
            Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE global_index IN ("
                    + placeholders + ")", Integer.class, chunk.toArray());
            if (found != null && found > 0) {
                return true;
            }
        }
        return false;
    }
}
