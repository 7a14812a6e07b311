package no.ledger.api.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.ledger.api.integrity.MerkleTree.Node;
import org.junit.jupiter.api.Test;

/**
 * The tree's proofs, as the independent verifier checks them (RFC 9162 2.1.3.2 and 2.1.4.2), against roots computed
 * by the RFC's recursive definition: every leaf and every pair of sizes up to 64, and random ones up to 100,000.
 */
class MerkleTreeTest {

    /** The nodes that appending leaves made, as the database keeps them. */
    static final class InMemoryTree implements MerkleTree.NodeSource {
        final Map<Node, byte[]> nodes = new HashMap<>();
        final List<byte[]> leaves = new ArrayList<>();
        final List<byte[]> roots = new ArrayList<>();
        final MerkleTree.Frontier frontier = new MerkleTree.Frontier(0, this);

        InMemoryTree(int size) {
            MessageDigest digest = MerkleTree.sha256();
            roots.add(frontier.rootHash());
            for (int i = 0; i < size; i++) {
                byte[] leaf = MerkleTree.leafHash(digest, ("leaf " + i).getBytes(StandardCharsets.UTF_8));
                leaves.add(leaf);
                frontier.append(leaf).forEach(made -> nodes.put(made.node(), made.hash()));
                roots.add(frontier.rootHash());
            }
        }

        @Override
        public Map<Node, byte[]> hashes(Collection<Node> wanted) {
            Map<Node, byte[]> found = new HashMap<>();
            wanted.forEach(node -> found.put(node, nodes.get(node)));
            return found;
        }

        /** MTH(D[start:end]) by RFC 9162's recursive definition, from the leaves alone. */
        byte[] reference(int start, int end) {
            if (end - start == 1) {
                return leaves.get(start);
            }
            int k = Integer.highestOneBit(end - start - 1);
            return IndependentVerifier.nodeHash(reference(start, start + k), reference(start + k, end));
        }

        List<byte[]> inclusion(long leaf, long size) {
            return MerkleTree.hashes(MerkleTree.inclusionSpans(leaf, size), this);
        }

        List<byte[]> consistency(long first, long second) {
            return MerkleTree.hashes(MerkleTree.consistencySpans(first, second), this);
        }
    }

    @Test
    void everyProofOfEveryTreeUpTo64Leaves() {
        InMemoryTree tree = new InMemoryTree(64);
        assertThat(tree.roots.get(0)).isEqualTo(MessageDigestHolder.EMPTY);
        for (int size = 1; size <= 64; size++) {
            byte[] root = tree.reference(0, size);
            assertThat(tree.roots.get(size)).as("root of %d", size).isEqualTo(root);
            assertThat(MerkleTree.rootHash(size, tree)).as("root of %d from the store", size).isEqualTo(root);
            for (int leaf = 0; leaf < size; leaf++) {
                List<byte[]> path = tree.inclusion(leaf, size);
                assertThat(IndependentVerifier.verifyInclusion(leaf, size, tree.leaves.get(leaf), path, root))
                        .as("leaf %d of %d", leaf, size).isTrue();
                assertThat(IndependentVerifier.verifyInclusion(leaf, size, tree.leaves.get((leaf + 1) % 64), path,
                        root)).as("another leaf in place of %d of %d", leaf, size).isFalse();
            }
            for (int first = 1; first <= size; first++) {
                List<byte[]> path = tree.consistency(first, size);
                byte[] firstRoot = tree.reference(0, first);
                assertThat(IndependentVerifier.verifyConsistency(first, size, firstRoot, root, path))
                        .as("from %d to %d", first, size).isTrue();
                if (first < size) {
                    assertThat(IndependentVerifier.verifyConsistency(first, size, tree.reference(0, first - 1 == 0
                            ? 2 : first - 1), root, path)).as("a wrong first root, %d to %d", first, size).isFalse();
                }
            }
        }
    }

    @Test
    void randomProofsInTreesUpTo100000Leaves() {
        InMemoryTree tree = new InMemoryTree(100_000);
        Random random = new Random(9162);
        for (int round = 0; round < 25; round++) {
            int size = round == 0 ? 100_000 : 1 + random.nextInt(100_000);
            byte[] root = tree.reference(0, size);
            assertThat(tree.roots.get(size)).isEqualTo(root);
            assertThat(MerkleTree.rootHash(size, tree)).isEqualTo(root);
            for (int i = 0; i < 40; i++) {
                int leaf = i == 0 ? size - 1 : random.nextInt(size);
                assertThat(IndependentVerifier.verifyInclusion(leaf, size, tree.leaves.get(leaf),
                        tree.inclusion(leaf, size), root)).as("leaf %d of %d", leaf, size).isTrue();
                int first = i == 0 ? size : 1 + random.nextInt(size);
                assertThat(IndependentVerifier.verifyConsistency(first, size, tree.roots.get(first), root,
                        tree.consistency(first, size))).as("from %d to %d", first, size).isTrue();
            }
        }
    }

    @Test
    void aProofNeedsFewLookups() {
        // 2^20 leaves and a ragged size: the proof's spans are made of O(log n) complete nodes.
        long size = (1L << 20) + 12_345;
        long nodes = MerkleTree.inclusionSpans(777_777, size).stream()
                .mapToLong(span -> MerkleTree.pieces(span.start(), span.end()).size()).sum();
        assertThat(nodes).isLessThan(64);
        long consistencyNodes = MerkleTree.consistencySpans(999_999, size).stream()
                .mapToLong(span -> MerkleTree.pieces(span.start(), span.end()).size()).sum();
        assertThat(consistencyNodes).isLessThan(64);
    }

    private static final class MessageDigestHolder {
        static final byte[] EMPTY = MerkleTree.sha256().digest();
    }

    @Test
    void theHashesOfRfc9162() {
        MessageDigest digest = MerkleTree.sha256();
        byte[] leaf = MerkleTree.leafHash(digest, new byte[0]);
        // SHA-256 of the single byte 0x00, the hash of an empty leaf.
        assertThat(hex(leaf)).isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(Arrays.equals(MerkleTree.EMPTY_ROOT, MessageDigestHolder.EMPTY)).isTrue();
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
