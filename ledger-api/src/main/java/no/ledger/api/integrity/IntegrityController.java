package no.ledger.api.integrity;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Base64;
import java.util.List;
import no.ledger.core.shared.RuleViolation.Kind;
import no.ledger.core.shared.UnknownEvent;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The verifiable log for anyone who wants to check the ledger without trusting it: the latest signed tree head,
 * the key that signs, and RFC 9162 inclusion and consistency proofs. They reveal hashes, never an event's content.
 * A full verification against the stored events is for auditors.
 */
@RestController
@RequestMapping("/api/integrity")
public class IntegrityController {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final TreeStore store;
    private final TreeHeadSigner signer;
    private final TreeVerifier verifier;

    public IntegrityController(TreeStore store, TreeHeadSigner signer, TreeVerifier verifier) {
        this.store = store;
        this.signer = signer;
        this.verifier = verifier;
    }

    @Operation(operationId = "getTreeHead", summary = "The latest signed tree head",
            description = "`treeSize`, `rootHash`, `timestamp`, an Ed25519 `signature` over the RFC 8785 JSON of "
                    + "{rootHash, timestamp, treeSize}, and `keyId`. Keep one; later ask for a consistency proof to it.")
    @GetMapping("/tree-head")
    public SignedTreeHead.View treeHead() {
        return latestHead().view();
    }

    @Operation(operationId = "getPublicKey", summary = "The tree heads' public key",
            description = "The Ed25519 public key that signs tree heads, as PEM (SubjectPublicKeyInfo).")
    @GetMapping(value = "/public-key", produces = {"application/x-pem-file", MediaType.TEXT_PLAIN_VALUE})
    public String publicKey() {
        return signer.publicKeyPem();
    }

    public record InclusionProof(long leafIndex, long treeSize, String leafHash, List<String> auditPath) {
    }

    @Operation(operationId = "getInclusionProof", summary = "Proof that an event is in the tree",
            description = "The audit path of RFC 9162 section 2.1.3 for `leafIndex` (or `eventId`) in the tree of "
                    + "`treeSize` leaves.")
    @GetMapping("/inclusion-proof")
    public InclusionProof inclusionProof(@RequestParam(required = false) Long leafIndex,
                                         @RequestParam(required = false) Long treeSize,
                                         @RequestParam(required = false) String eventId) {
        long size = treeSize != null ? treeSize : latestHead().treeSize();
        requirePublished(size, "treeSize");
        long leaf;
        if (eventId != null && leafIndex == null) {
            leaf = store.leafOf(eventId).map(TreeStore.Leaf::leafIndex).orElseThrow(() -> {
                if (store.hasEvent(eventId)) {
                    return new IntegrityRequestRefused("event-in-tree", Kind.CONFLICT, "eventId", "event " + eventId
                            + " is not in the tree yet; it is added within a second or so");
                }
                return new UnknownEvent(eventId);
            });
        } else if (leafIndex != null && eventId == null) {
            leaf = leafIndex;
        } else {
            throw new IntegrityRequestRefused("leaf-named-once", Kind.INVALID, "leafIndex",
                    "name the leaf by leafIndex or by eventId, one of them");
        }
        if (leaf < 0 || leaf >= size) {
            throw new IntegrityRequestRefused("leaf-in-tree", Kind.INVALID, "leafIndex",
                    "leaf " + leaf + " is not in a tree of " + size + " leaves (leaves count from 0)");
        }
        byte[] leafHash = store.hashes(List.of(new MerkleTree.Node(0, leaf))).get(new MerkleTree.Node(0, leaf));
        List<String> path = MerkleTree.hashes(MerkleTree.inclusionSpans(leaf, size), store).stream()
                .map(BASE64::encodeToString).toList();
        return new InclusionProof(leaf, size, BASE64.encodeToString(leafHash), path);
    }

    public record ConsistencyProof(long first, long second, List<String> consistencyPath) {
    }

    @Operation(operationId = "getConsistencyProof", summary = "Proof that a later tree extends an earlier one",
            description = "The consistency path of RFC 9162 section 2.1.4 from the tree of `first` leaves to that of "
                    + "`second`.")
    @GetMapping("/consistency-proof")
    public ConsistencyProof consistencyProof(@RequestParam long first,
                                             @RequestParam(required = false) Long second) {
        long to = second != null ? second : latestHead().treeSize();
        requirePublished(to, "second");
        if (first < 1 || first > to) {
            throw new IntegrityRequestRefused("consistency-sizes", Kind.INVALID, "first",
                    "a consistency proof goes from a tree of 1 or more leaves to one at least as large; got " + first
                            + " and " + to);
        }
        List<String> path = MerkleTree.hashes(MerkleTree.consistencySpans(first, to), store).stream()
                .map(BASE64::encodeToString).toList();
        return new ConsistencyProof(first, to, path);
    }

    @Operation(operationId = "verifyLog", summary = "Recompute every leaf and the tree from the stored events",
            description = "Answers `checked`, `treeSize`, `rootHash`, `consistent`, and the first mismatch (changed, "
                    + "missing, inserted, reordered) or null; a failure turns the health component `integrity` DOWN.")
    @PostMapping("/verification")
    public TreeVerifier.Verification verification() {
        return verifier.verify();
    }

    private SignedTreeHead latestHead() {
        return store.latestHead().orElseThrow(() -> new IntegrityRequestRefused("tree-head-published",
                Kind.NOT_FOUND, null, "no tree head has been signed yet"));
    }

    private void requirePublished(long size, String field) {
        long published = latestHead().treeSize();
        if (size < 1 || size > published) {
            throw new IntegrityRequestRefused("tree-size-published", Kind.INVALID, field, "the tree has "
                    + published + " leaves in its latest signed head; ask for a size from 1 to that");
        }
    }
}
