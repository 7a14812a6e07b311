package no.ledger.api.integrity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.ledger.api.integrity.MerkleTree.HashedNode;
import no.ledger.api.integrity.MerkleTree.Node;
import org.springframework.jdbc.core.JdbcTemplate;

/** The tree in the database: leaves, complete subtrees, how far it goes, and its signed heads. */
public class TreeStore implements MerkleTree.NodeSource {

    /** Nodes fetched per statement: a proof at a million leaves needs about 40. */
    private static final int NODES_PER_QUERY = 100;

    private final JdbcTemplate jdbc;

    public TreeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How far the tree goes: its size and the global index of its last leaf. */
    public record TreeState(long treeSize, long lastGlobalIndex) {
    }

    /** A leaf as kept: which event, where in the global order, and its hash. */
    public record Leaf(long leafIndex, long globalIndex, String eventId, byte[] leafHash) {
    }

    /**
     * One point lookup a node, in one statement: by primary key on both databases (an OR of pairs would not be, on
     * H2).
     */
    @Override
    public Map<Node, byte[]> hashes(Collection<Node> nodes) {
        Map<Node, byte[]> found = new HashMap<>();
        List<Node> all = new ArrayList<>(nodes);
        for (int from = 0; from < all.size(); from += NODES_PER_QUERY) {
            List<Node> chunk = all.subList(from, Math.min(all.size(), from + NODES_PER_QUERY));
            StringBuilder sql = new StringBuilder();
            List<Object> arguments = new ArrayList<>();
            for (Node node : chunk) {
                if (!sql.isEmpty()) {
                    sql.append(" UNION ALL ");
                }
                if (node.level() == 0) {
                    sql.append("SELECT 0 AS level, leaf_index AS node_index, leaf_hash AS hash FROM integrity_leaf"
                            + " WHERE leaf_index = ?");
                    arguments.add(node.index());
                } else {
                    sql.append("SELECT level, node_index, hash FROM integrity_node WHERE level = ? AND node_index = ?");
                    arguments.add(node.level());
                    arguments.add(node.index());
                }
            }
            jdbc.query(sql.toString(), row -> {
                found.put(new Node(row.getInt(1), row.getLong(2)), row.getBytes(3));
            }, arguments.toArray());
        }
        return found;
    }

    /** The tree's state, locked until the transaction ends: only its holder may extend the tree. */
    public TreeState lockForExtension() {
        return jdbc.queryForObject("SELECT tree_size, last_global_index FROM integrity_tree WHERE id = 1 FOR UPDATE",
                (row, index) -> new TreeState(row.getLong(1), row.getLong(2)));
    }

    public TreeState state() {
        return jdbc.queryForObject("SELECT tree_size, last_global_index FROM integrity_tree WHERE id = 1",
                (row, index) -> new TreeState(row.getLong(1), row.getLong(2)));
    }

    public void append(List<Leaf> leaves, List<HashedNode> nodes, TreeState extended) {
        jdbc.batchUpdate("INSERT INTO integrity_leaf (leaf_index, global_index, event_identifier, leaf_hash)"
                + " VALUES (?, ?, ?, ?)", leaves, 1000, (statement, leaf) -> {
                    statement.setLong(1, leaf.leafIndex());
                    statement.setLong(2, leaf.globalIndex());
                    statement.setString(3, leaf.eventId());
                    statement.setBytes(4, leaf.leafHash());
                });
        jdbc.batchUpdate("INSERT INTO integrity_node (level, node_index, hash) VALUES (?, ?, ?)", nodes, 1000,
                (statement, node) -> {
                    statement.setInt(1, node.node().level());
                    statement.setLong(2, node.node().index());
                    statement.setBytes(3, node.hash());
                });
        jdbc.update("UPDATE integrity_tree SET tree_size = ?, last_global_index = ? WHERE id = 1",
                extended.treeSize(), extended.lastGlobalIndex());
    }

    public void publish(SignedTreeHead head) {
        jdbc.update("INSERT INTO integrity_tree_head (tree_size, root_hash, signed_at, signature, key_id)"
                        + " VALUES (?, ?, ?, ?, ?)", head.treeSize(), head.rootHash(), head.timestamp(),
                head.signature(), head.keyId());
    }

    public Optional<SignedTreeHead> latestHead() {
        return jdbc.query("SELECT tree_size, root_hash, signed_at, signature, key_id FROM integrity_tree_head"
                        + " ORDER BY head_id DESC LIMIT 1",
                (row, index) -> new SignedTreeHead(row.getLong(1), row.getBytes(2), row.getString(3),
                        row.getBytes(4), row.getString(5))).stream().findFirst();
    }

    public Optional<Leaf> leafOf(String eventId) {
        return jdbc.query("SELECT leaf_index, global_index, event_identifier, leaf_hash FROM integrity_leaf"
                        + " WHERE event_identifier = ?", (row, index) -> new Leaf(row.getLong(1), row.getLong(2),
                        row.getString(3), row.getBytes(4)), eventId).stream().findFirst();
    }

    public Optional<Leaf> leafAt(long leafIndex) {
        return jdbc.query("SELECT leaf_index, global_index, event_identifier, leaf_hash FROM integrity_leaf"
                        + " WHERE leaf_index = ?", (row, index) -> new Leaf(row.getLong(1), row.getLong(2),
                        row.getString(3), row.getBytes(4)), leafIndex).stream().findFirst();
    }

    public boolean hasEvent(String eventId) {
        return !jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class,
                eventId).isEmpty();
    }

    /** The leaves from one index on, in order: a page of the verification's scan. */
    public List<Leaf> leavesFrom(long leafIndex, long beforeLeafIndex, int limit) {
        return jdbc.query("SELECT leaf_index, global_index, event_identifier, leaf_hash FROM integrity_leaf"
                        + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index LIMIT ?",
                (row, index) -> new Leaf(row.getLong(1), row.getLong(2), row.getString(3), row.getBytes(4)),
                leafIndex, beforeLeafIndex, limit);
    }
}
