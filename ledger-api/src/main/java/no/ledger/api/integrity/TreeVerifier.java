package no.ledger.api.integrity;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import no.ledger.api.integrity.TreeStore.Leaf;
import org.axonframework.common.AxonThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recomputes every leaf from the event store's rows as they are now, and the tree from those leaves, and compares
 * them with the leaves kept and the latest signed head. Walking the rows in global order beside the leaves in tree
 * order tells what happened to the first row that differs: changed (its leaf hash differs), missing (its row is
 * gone), inserted (a row where the tree has none) or reordered (the event sits at another place in the order).
 * Runs after start-up and on a schedule; the last result is the {@code integrity} health component.
 */
public class TreeVerifier implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TreeVerifier.class);
    private static final int PAGE = 5000;

    private final JdbcTemplate jdbc;
    private final TreeStore store;
    private final TreeHeadSigner signer;
    private final IntegrityProperties properties;
    private final Clock clock;
    private final AtomicReference<Verification> last = new AtomicReference<>();
    private ScheduledExecutorService scheduler;

    public TreeVerifier(JdbcTemplate jdbc, TreeStore store, TreeHeadSigner signer, IntegrityProperties properties,
                        Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
    }

    /** The first place where the stored events and the tree disagree. */
    public record Mismatch(Long leafIndex, String eventId, Long globalIndex, String what, String detail) {
    }

    /** A verification's answer. {@code consistent} when every leaf and the signed root were recomputed as kept. */
    public record Verification(long checked, long treeSize, String rootHash, boolean consistent,
                               Mismatch firstMismatch, double seconds, Instant verifiedAt) {
    }

    public Optional<Verification> lastVerification() {
        return Optional.ofNullable(last.get());
    }

    public synchronized Verification verify() {
        long started = System.nanoTime();
        Verification result;
        try {
            result = check(started);
        } catch (RuntimeException failure) {
            LOG.error("The verification of the log could not finish", failure);
            result = new Verification(0, 0, null, false, new Mismatch(null, null, null, "unreadable",
                    "the verification could not finish: " + failure.getMessage()), seconds(started),
                    clock.instant());
        }
        last.set(result);
        if (result.consistent()) {
            LOG.info("Verified the log: {} leaves recomputed from the stored events in {} s", result.checked(),
                    String.format("%.2f", result.seconds()));
        } else {
            LOG.error("THE LOG DOES NOT VERIFY: {}", result.firstMismatch());
        }
        return result;
    }

    private record RowLeaf(long globalIndex, String eventId, byte[] leafHash, String unreadable) {
    }

    private Verification check(long started) {
        Optional<SignedTreeHead> latest = store.latestHead();
        if (latest.isEmpty()) {
            return new Verification(0, 0, null, true, null, seconds(started), clock.instant());
        }
        SignedTreeHead head = latest.get();
        long treeSize = head.treeSize();
        String rootHash = Base64.getEncoder().encodeToString(head.rootHash());
        if (head.keyId().equals(signer.keyId()) && !signer.verifies(
                SignedTreeHead.signedBytes(treeSize, head.rootHash(), head.timestamp()), head.signature())) {
            return failed(0, head, new Mismatch(null, null, null, "changed",
                    "the latest tree head's signature does not hold"), started);
        }
        if (treeSize == 0) {
            return new Verification(0, 0, rootHash, true, null, seconds(started), clock.instant());
        }
        Optional<Leaf> lastLeaf = store.leafAt(treeSize - 1);
        if (lastLeaf.isEmpty()) {
            return failed(0, head, new Mismatch(treeSize - 1, null, null, "missing",
                    "the tree's last leaf is not kept"), started);
        }
        long lastGlobalIndex = lastLeaf.get().globalIndex();

        long[] nextLeaf = {0};
        Pages<Leaf> leaves = new Pages<>(() -> {
            List<Leaf> page = store.leavesFrom(nextLeaf[0], treeSize, PAGE);
            if (!page.isEmpty()) {
                nextLeaf[0] = page.get(page.size() - 1).leafIndex() + 1;
            }
            return page;
        });
        java.util.concurrent.ExecutorService reader = Executors.newSingleThreadExecutor(
                new AxonThreadFactory("tree-verifier-reader"));
        try {
            return scan(head, treeSize, rootHash, leaves, new Pages<>(new RowScan(lastGlobalIndex, reader)), started);
        } finally {
            reader.shutdownNow();
        }
    }

    private Verification scan(SignedTreeHead head, long treeSize, String rootHash, Pages<Leaf> leaves,
                              Pages<RowLeaf> rows, long started) {
        MerkleTree.Frontier recomputed = new MerkleTree.Frontier(0, nodes -> java.util.Map.of());
        long checked = 0;
        while (true) {
            Leaf leaf = leaves.peek();
            RowLeaf row = rows.peek();
            if (leaf == null && row == null) {
                break;
            }
            if (leaf != null && leaf.leafIndex() != checked) {
                return failed(checked, head, new Mismatch(checked, null, null, "missing",
                        "the tree has no leaf " + checked), started);
            }
            if (row != null && (leaf == null || row.globalIndex() < leaf.globalIndex())) {
                Optional<Leaf> elsewhere = store.leafOf(row.eventId());
                return failed(checked, head, new Mismatch(leaf == null ? treeSize : leaf.leafIndex(), row.eventId(),
                        row.globalIndex(), elsewhere.isPresent() ? "reordered" : "inserted",
                        elsewhere.map(other -> "the event of leaf " + other.leafIndex() + " now sits at global index "
                                + row.globalIndex() + " instead of " + other.globalIndex()).orElse(
                                "an event at global index " + row.globalIndex() + " that the tree does not have")),
                        started);
            }
            if (row == null || leaf.globalIndex() < row.globalIndex()) {
                Optional<Long> movedTo = globalIndexOf(leaf.eventId());
                return failed(checked, head, new Mismatch(leaf.leafIndex(), leaf.eventId(), leaf.globalIndex(),
                        movedTo.isPresent() ? "reordered" : "missing", movedTo.map(
                                at -> "the event now sits at global index " + at + " instead of "
                                        + leaf.globalIndex()).orElse("the event's row is gone")), started);
            }
            if (!row.eventId().equals(leaf.eventId())) {
                boolean moved = store.leafOf(row.eventId()).isPresent();
                return failed(checked, head, new Mismatch(leaf.leafIndex(), leaf.eventId(), leaf.globalIndex(),
                        moved ? "reordered" : "changed", "global index " + leaf.globalIndex() + " holds event "
                        + row.eventId() + " where the tree has " + leaf.eventId()), started);
            }
            if (row.unreadable() != null || !Arrays.equals(row.leafHash(), leaf.leafHash())) {
                return failed(checked, head, new Mismatch(leaf.leafIndex(), leaf.eventId(), leaf.globalIndex(),
                        "changed", row.unreadable() != null ? "the stored event cannot be read: " + row.unreadable()
                        : "the stored event no longer hashes to its leaf"), started);
            }
            recomputed.append(row.leafHash());
            checked++;
            leaves.next();
            rows.next();
        }
        if (checked != treeSize) {
            return failed(checked, head, new Mismatch(checked, null, null, "missing",
                    "the tree has " + checked + " leaves where its head says " + treeSize), started);
        }
        if (!Arrays.equals(recomputed.rootHash(), head.rootHash())) {
            return failed(checked, head, new Mismatch(null, null, null, "changed", "the root recomputed from the"
                    + " stored events differs from the signed head's: leaves were rewritten with their events"),
                    started);
        }
        if (!Arrays.equals(MerkleTree.rootHash(treeSize, store), head.rootHash())) {
            return failed(checked, head, new Mismatch(null, null, null, "changed", "the kept subtree hashes do not"
                    + " add up to the signed root: proofs would not hold"), started);
        }
        return new Verification(checked, treeSize, rootHash, true, null, seconds(started), clock.instant());
    }

    /** A stored event as read, before it is hashed. */

    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(MerkleTree::sha256);

    private Optional<Long> globalIndexOf(String eventId) {
        return jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, eventId).stream().findFirst();
    }

    private Verification failed(long checked, SignedTreeHead head, Mismatch mismatch, long started) {
        return new Verification(checked, head.treeSize(), Base64.getEncoder().encodeToString(head.rootHash()), false,
                mismatch, seconds(started), clock.instant());
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    /** A scan read a page at a time; an empty page ends it. */
    private static final class Pages<T> {
        private final java.util.function.Supplier<List<T>> nextPage;
        private List<T> page = List.of();
        private int at;
        private boolean exhausted;

        Pages(java.util.function.Supplier<List<T>> nextPage) {
            this.nextPage = nextPage;
        }

        T peek() {
            if (at == page.size() && !exhausted) {
                page = nextPage.get();
                at = 0;
                exhausted = page.isEmpty();
            }
            return at < page.size() ? page.get(at) : null;
        }

        void next() {
            at++;
        }
    }

    /**
     * The event rows in global order with their leaves recomputed: while one page is hashed (over every core), the
     * next is read, so a verification takes about as long as the slower of reading and hashing.
     */
    private final class RowScan implements java.util.function.Supplier<List<RowLeaf>> {
        private final long lastGlobalIndex;
        private final java.util.concurrent.ExecutorService reader;
        private java.util.concurrent.Future<List<EventDocument.Stored>> next;

        RowScan(long lastGlobalIndex, java.util.concurrent.ExecutorService reader) {
            this.lastGlobalIndex = lastGlobalIndex;
            this.reader = reader;
            long first = Long.MIN_VALUE;
            this.next = reader.submit(() -> read(first));
        }

        @Override
        public List<RowLeaf> get() {
            List<EventDocument.Stored> rows;
            try {
                rows = next.get();
            } catch (java.util.concurrent.ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
            if (rows.size() == PAGE) {
                long after = rows.get(rows.size() - 1).globalIndex();
                next = reader.submit(() -> read(after));
            } else {
                next = java.util.concurrent.CompletableFuture.completedFuture(List.of());
            }
            return hash(rows);
        }

        private List<EventDocument.Stored> read(long after) {
            return jdbc.query("SELECT " + EventDocument.COLUMNS + " FROM domain_event_entry"
                            + " WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?",
                    (row, index) -> EventDocument.Stored.of(row), after, lastGlobalIndex, PAGE);
        }
    }

    private static List<RowLeaf> hash(List<EventDocument.Stored> rows) {
        return rows.parallelStream().map(row -> {
            try {
                return new RowLeaf(row.globalIndex(), row.eventId(), MerkleTree.leafHash(DIGESTS.get(),
                        EventDocument.leaf(EventDocument.of(row))), null);
            } catch (RuntimeException unreadable) {
                return new RowLeaf(row.globalIndex(), row.eventId(), null, unreadable.toString());
            }
        }).toList();
    }

    private void verifyQuietly() {
        try {
            verify();
        } catch (RuntimeException failure) {
            LOG.warn("The scheduled verification failed to run", failure);
        }
    }

    @Override
    public synchronized void start() {
        boolean scheduled = !properties.verifyInterval().isZero() && !properties.verifyInterval().isNegative();
        if (scheduler == null && (scheduled || properties.verifyOnStart())) {
            scheduler = Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("tree-verifier"));
            if (properties.verifyOnStart()) {
                scheduler.schedule(this::verifyQuietly, 2, TimeUnit.SECONDS);
            }
            if (scheduled) {
                long interval = properties.verifyInterval().toMillis();
                scheduler.scheduleWithFixedDelay(this::verifyQuietly, interval, interval, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
