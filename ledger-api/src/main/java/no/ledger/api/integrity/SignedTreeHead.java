package no.ledger.api.integrity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * A tree head as the ledger signed it: the tree's size, its root hash, when it was signed (ISO-8601, UTC), the
 * Ed25519 signature of the canonical JSON of those three, and which key signed.
 */
public record SignedTreeHead(long treeSize, byte[] rootHash, String timestamp, byte[] signature, String keyId) {

    /** The bytes signed: the RFC 8785 canonical JSON of {"rootHash", "timestamp", "treeSize"}. */
    public static byte[] signedBytes(long treeSize, byte[] rootHash, String timestamp) {
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.put("rootHash", Base64.getEncoder().encodeToString(rootHash));
        signed.put("timestamp", timestamp);
        signed.put("treeSize", treeSize);
        return CanonicalJson.bytes(signed);
    }

    /** The JSON the API answers and an auditor keeps. */
    public record View(long treeSize, String rootHash, String timestamp, String signature, String keyId) {
    }

    public View view() {
        Base64.Encoder base64 = Base64.getEncoder();
        return new View(treeSize, base64.encodeToString(rootHash), timestamp, base64.encodeToString(signature), keyId);
    }
}
