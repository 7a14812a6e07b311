package no.ledger.api.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.SlowWriter;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * A transaction that takes a number in the global order and commits long after the gap timeout, while later events
 * commit around it: the tree waits at its gap, since the transaction is still open, and takes the event in its place
 * once it commits. Passing the gap by would leave an event that the tree lacks, and the verification would call it
 * inserted.
 */
class SlowCommitTest extends QuickGapsTest {

    /** QuickGapsTest's gap timeout. */
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(1);

    @Test
    void anEventCommittedLongAfterTheGapTimeoutJoinsTheTreeInItsPlace() throws Exception {
        String first = unusedMunicipalityNumber();
        awaitLeafOf(globalIndexOf(register(first)));

        long slowIndex;
        long afterIndex;
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            slowIndex = SlowWriter.insertRegistrationLike(slow, first, unusedMunicipalityNumber(), Instant.now());
            afterIndex = globalIndexOf(register(unusedMunicipalityNumber()));
            assertThat(afterIndex).isGreaterThan(slowIndex);

            Thread.sleep(GAP_TIMEOUT.multipliedBy(3).toMillis());
            assertThat(treeReachesGlobalIndex()).as("the tree passed an open transaction's gap")
                    .isLessThan(slowIndex);
            slow.commit();
        }

        assertThat(awaitLeafOf(slowIndex)).isLessThan(awaitLeafOf(afterIndex));
        Answer verification = ledger.as(TestUsers.AUDITOR).post("/api/integrity/verification", "");
        assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        assertThat(verification.body().path("consistent").asBoolean()).as(verification.toString()).isTrue();
    }

    private String register(String number) {
        Answer registered = ledger.post("/api/municipalities", Map.of("number", number, "name", "Treig kommune",
                "county", "Sakte", "healthRegion", "NORD", "registeredOn", "2020-01-01"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.eventId();
    }

    private long globalIndexOf(String eventId) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, eventId);
    }

    private long treeReachesGlobalIndex() {
        return jdbc.queryForObject("SELECT last_global_index FROM integrity_tree WHERE id = 1", Long.class);
    }

    /** The leaf index of the event at the global index, once the tree has it. */
    private long awaitLeafOf(long globalIndex) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            var leaf = jdbc.queryForList("SELECT leaf_index FROM integrity_leaf WHERE global_index = ?", Long.class,
                    globalIndex);
            if (!leaf.isEmpty()) {
                return leaf.get(0);
            }
            assertThat(System.nanoTime()).as("not in the tree within 20 s: global index " + globalIndex)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
