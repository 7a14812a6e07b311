package no.ledger.api.integrity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.ledger.api.config.OpenWrites;
import no.ledger.api.integrity.MerkleTree.HashedNode;
import no.ledger.api.integrity.TreeStore.Leaf;
import no.ledger.api.integrity.TreeStore.TreeState;
import org.axonframework.common.AxonThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Extends the tree with new events, in global order, and signs a head each time it grows. Instances take turns:
 * each extension holds the lock of the tree's one state row. A gap in the global index may be a transaction that
 * has not committed yet, so the tree waits at a gap until it is filled, or until it is older than the gap timeout
 * and no transaction that could still fill it is open: the database shows none that began before the events after
 * the gap were read. A slow commit then joins the tree in its place instead of being passed by and found later as an
 * event the tree lacks.
 */
public class TreeSequencer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TreeSequencer.class);

    private final JdbcTemplate jdbc;
    private final TreeStore store;
    private final TreeHeadSigner signer;
    private final TransactionTemplate transactions;
    private final IntegrityProperties properties;
    private final OpenWrites openWrites;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    /** The gap last reported as held open by a transaction, so that each is logged once. */
    private volatile long reportedGap = -1;

    public TreeSequencer(JdbcTemplate jdbc, TreeStore store, TreeHeadSigner signer, TransactionTemplate transactions,
                         IntegrityProperties properties, OpenWrites openWrites, Clock clock) {
        this.jdbc = jdbc;
        this.openWrites = openWrites;
        this.store = store;
        this.signer = signer;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Extends the tree as far as it can now. Answers the leaves added. */
    public long extend() {
        long added = 0;
        while (true) {
            Integer batch = transactions.execute(status -> extendOnce());
            added += batch == null ? 0 : batch;
            if (batch == null || batch < properties.batchSize()) {
                return added;
            }
        }
    }

    private record Candidate(long globalIndex, String eventId, Instant recordedAt, byte[] leafHash) {
    }

    private int extendOnce() {
        TreeState state = store.lockForExtension();
        MessageDigest digest = MerkleTree.sha256();
        List<Candidate> candidates = jdbc.query("SELECT " + EventDocument.COLUMNS + " FROM domain_event_entry"
                        + " WHERE global_index > ? ORDER BY global_index LIMIT ?",
                (row, index) -> {
                    ObjectNode event = EventDocument.of(row);
                    return new Candidate(row.getLong("global_index"), event.path("eventId").asText(),
                            Instant.parse(event.path("recordedAt").asText()),
                            MerkleTree.leafHash(digest, EventDocument.leaf(event)));
                }, state.lastGlobalIndex(), properties.batchSize());
        Instant now = clock.instant();
        Instant gapsOlderThan = now.minus(properties.gapTimeout());
        MerkleTree.Frontier frontier = new MerkleTree.Frontier(state.treeSize(), store);
        List<Leaf> leaves = new ArrayList<>();
        List<HashedNode> nodes = new ArrayList<>();
        long expected = state.lastGlobalIndex() + 1;
        Instant candidatesReadBy = null;
        for (Candidate candidate : candidates) {
            if (candidate.globalIndex() != expected) {
                // The event after the gap was recorded after the gap's event began: its time bounds the gap's age.
                if (candidate.recordedAt().isAfter(gapsOlderThan)) {
                    break;
                }
                if (candidatesReadBy == null) {
                    candidatesReadBy = openWrites.databaseNow();
                }
                if (mayStillBeFilled(expected, candidate.globalIndex(), candidatesReadBy)) {
                    break;
                }
                LOG.info("The tree passes a gap in the global index before {}: no event there within {}, and no"
                        + " transaction open that could still commit one", candidate.globalIndex(),
                        properties.gapTimeout());
            }
            leaves.add(new Leaf(frontier.size(), candidate.globalIndex(), candidate.eventId(), candidate.leafHash()));
            for (HashedNode made : frontier.append(candidate.leafHash())) {
                if (made.node().level() > 0) {
                    nodes.add(made);
                }
            }
            expected = candidate.globalIndex() + 1;
        }
        boolean firstHead = state.treeSize() == 0 && store.latestHead().isEmpty();
        if (leaves.isEmpty() && !firstHead) {
            return 0;
        }
        if (!leaves.isEmpty()) {
            store.append(leaves, nodes, new TreeState(frontier.size(), expected - 1));
        }
        store.publish(sign(frontier.size(), frontier.rootHash(), now));
        return leaves.size();
    }

    /**
     * Whether the gap [from, to) may still be filled. The transaction that took a number in it took it before the
     * number after the gap was taken, and so began before that event's commit, which the candidates' read saw: a
     * writing transaction still open that began before {@code candidatesReadBy} may be it. When none is, one that
     * committed meanwhile shows its event now.
     */
    private boolean mayStillBeFilled(long from, long to, Instant candidatesReadBy) {
        if (openWrites.anyBegunBefore(candidatesReadBy)) {
            if (reportedGap != from) {
                reportedGap = from;
                LOG.info("The tree waits at a gap in the global index from {}: older than {}, but a transaction that"
                        + " may still commit an event there is open", from, properties.gapTimeout());
            }
            return true;
        }
        Long committedMeanwhile = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry"
                + " WHERE global_index >= ? AND global_index < ?", Long.class, from, to);
        return committedMeanwhile != null && committedMeanwhile > 0;
    }

    SignedTreeHead sign(long treeSize, byte[] rootHash, Instant at) {
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS));
        byte[] signature = signer.sign(SignedTreeHead.signedBytes(treeSize, rootHash, timestamp));
        return new SignedTreeHead(treeSize, rootHash, timestamp, signature, signer.keyId());
    }

    private void extendQuietly() {
        try {
            extend();
        } catch (RuntimeException failure) {
            LOG.warn("Could not extend the verifiable log; trying again", failure);
        }
    }

    @Override
    public synchronized void start() {
        if (properties.sequencing() && scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("tree-sequencer"));
            long interval = properties.sequenceInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::extendQuietly, 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
