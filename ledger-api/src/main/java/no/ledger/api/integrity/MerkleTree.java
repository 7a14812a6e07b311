package no.ledger.api.integrity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 9162 section 2.1's Merkle tree with SHA-256, over a store of complete subtrees. A {@link Node} of level k and
 * index i is the complete subtree of the 2^k leaves from i·2^k: every such node is hashed once, when its last leaf
 * is appended, and kept. Any subtree the RFC's recursion asks for is then a handful of complete nodes (the binary
 * digits of its size), so a proof or a root costs O(log n) lookups, fetched in one go.
 */
public final class MerkleTree {

    /** MTH({}) of RFC 9162: the hash of no bytes. */
    public static final byte[] EMPTY_ROOT = sha256().digest();

    private MerkleTree() {
    }

    /** The complete subtree of 2^level leaves from index · 2^level. Level 0 is a leaf. */
    public record Node(int level, long index) {

        public long firstLeaf() {
            return index << level;
        }
    }

    /** The leaves [start, end) as one subtree of the RFC's recursion: D[start:end]. */
    public record Span(long start, long end) {
    }

    /** Where the hashes of complete subtrees are kept. */
    public interface NodeSource {

        /** The hash of every node asked for; each of them must exist. */
        Map<Node, byte[]> hashes(Collection<Node> nodes);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** SHA-256(0x00 || leaf). */
    public static byte[] leafHash(MessageDigest digest, byte[] leaf) {
        digest.reset();
        digest.update((byte) 0);
        return digest.digest(leaf);
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(MessageDigest digest, byte[] left, byte[] right) {
        digest.reset();
        digest.update((byte) 1);
        digest.update(left);
        return digest.digest(right);
    }

    /** The largest power of two smaller than n (n > 1): where the RFC splits D[n]. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /**
     * The complete nodes that make up D[start:end], left to right. Every span of the RFC's recursion from D[0:n]
     * starts at a multiple of the largest power of two not above its size, so its pieces are the binary digits of
     * its size, largest first, and MTH(D[start:end]) is those pieces folded from the right.
     */
    public static List<Node> pieces(long start, long end) {
        List<Node> pieces = new ArrayList<>();
        long at = start;
        for (int level = 63; level >= 0; level--) {
            long size = 1L << level;
            if (((end - start) & size) != 0) {
                pieces.add(new Node(level, at >> level));
                at += size;
            }
        }
        return pieces;
    }

    /** RFC 9162 2.1.3.1: the spans whose hashes form the inclusion proof of leaf m in D[0:n], nearest first. */
    public static List<Span> inclusionSpans(long m, long n) {
        if (m < 0 || m >= n) {
            throw new IllegalArgumentException("leaf " + m + " is not in a tree of " + n);
        }
        List<Span> path = new ArrayList<>();
        inclusion(m, 0, n, path);
        return path;
    }

    private static void inclusion(long m, long start, long end, List<Span> path) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            inclusion(m, start, start + k, path);
            path.add(new Span(start + k, end));
        } else {
            inclusion(m - k, start + k, end, path);
            path.add(new Span(start, start + k));
        }
    }

    /** RFC 9162 2.1.4.1: the spans whose hashes form the consistency proof of D[0:m] and D[0:n], 0 < m ≤ n. */
    public static List<Span> consistencySpans(long m, long n) {
        if (m <= 0 || m > n) {
            throw new IllegalArgumentException("no consistency proof from " + m + " to " + n);
        }
        List<Span> path = new ArrayList<>();
        subproof(m, 0, n, true, path);
        return path;
    }

    private static void subproof(long m, long start, long end, boolean wholeOldTree, List<Span> path) {
        long n = end - start;
        if (m == n) {
            if (!wholeOldTree) {
                path.add(new Span(start, end));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, start + k, wholeOldTree, path);
            path.add(new Span(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, path);
            path.add(new Span(start, start + k));
        }
    }

    /** The hashes of the spans, with every node they need fetched from the source at once. */
    public static List<byte[]> hashes(List<Span> spans, NodeSource source) {
        Set<Node> needed = new LinkedHashSet<>();
        for (Span span : spans) {
            needed.addAll(pieces(span.start(), span.end()));
        }
        Map<Node, byte[]> known = needed.isEmpty() ? Map.of() : source.hashes(needed);
        MessageDigest digest = sha256();
        List<byte[]> hashes = new ArrayList<>(spans.size());
        for (Span span : spans) {
            hashes.add(fold(pieces(span.start(), span.end()), known, digest));
        }
        return hashes;
    }

    /** MTH(D[0:n]). */
    public static byte[] rootHash(long n, NodeSource source) {
        return n == 0 ? EMPTY_ROOT.clone() : hashes(List.of(new Span(0, n)), source).get(0);
    }

    private static byte[] fold(List<Node> pieces, Map<Node, byte[]> known, MessageDigest digest) {
        byte[] hash = require(known, pieces.get(pieces.size() - 1));
        for (int i = pieces.size() - 2; i >= 0; i--) {
            hash = nodeHash(digest, require(known, pieces.get(i)), hash);
        }
        return hash;
    }

    private static byte[] require(Map<Node, byte[]> known, Node node) {
        byte[] hash = known.get(node);
        if (hash == null) {
            throw new IllegalStateException("the tree has no hash of " + node);
        }
        return hash;
    }

    /** A node and its hash, as the tree's store keeps it. */
    public record HashedNode(Node node, byte[] hash) {
    }

    /**
     * The right edge of a tree of some size: its pieces, the complete subtrees that {@link #pieces} names for
     * D[0:size]. Appending a leaf merges equal neighbours into their parents, which are the new nodes to keep.
     */
    public static final class Frontier {

        private final List<HashedNode> edge = new ArrayList<>();
        private final MessageDigest digest = sha256();
        private long size;

        public Frontier(long size, NodeSource source) {
            this.size = size;
            List<Node> pieces = pieces(0, size);
            if (!pieces.isEmpty()) {
                Map<Node, byte[]> known = source.hashes(pieces);
                for (Node piece : pieces) {
                    edge.add(new HashedNode(piece, require(known, piece)));
                }
            }
        }

        public long size() {
            return size;
        }

        /** Appends a leaf by its hash; answers the leaf's node and every complete subtree it completes. */
        public List<HashedNode> append(byte[] leafHash) {
            List<HashedNode> made = new ArrayList<>(2);
            HashedNode right = new HashedNode(new Node(0, size), leafHash);
            made.add(right);
            while (!edge.isEmpty() && edge.get(edge.size() - 1).node().level() == right.node().level()) {
                HashedNode left = edge.remove(edge.size() - 1);
                right = new HashedNode(new Node(left.node().level() + 1, left.node().index() >> 1),
                        nodeHash(digest, left.hash(), right.hash()));
                made.add(right);
            }
            edge.add(right);
            size++;
            return made;
        }

        /** MTH(D[0:size]). */
        public byte[] rootHash() {
            if (edge.isEmpty()) {
                return EMPTY_ROOT.clone();
            }
            byte[] hash = edge.get(edge.size() - 1).hash();
            for (int i = edge.size() - 2; i >= 0; i--) {
                hash = nodeHash(digest, edge.get(i).hash(), hash);
            }
            return hash;
        }
    }
}
