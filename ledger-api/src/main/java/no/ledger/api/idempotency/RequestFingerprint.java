package no.ledger.api.idempotency;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What makes two requests with one key "the same request": SHA-256 of the method, the path (with its query) and the
 * body in canonical form. A JSON body counts as the same whatever its whitespace and the order of its members; any
 * other body byte for byte.
 */
final class RequestFingerprint {

    // Trailing tokens: a CSV line such as 12,13 must not pass for the JSON number 12.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestFingerprint() {
    }

    static String of(String method, String path, byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("every JDK has SHA-256", unavailable);
        }
        sha256.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
        sha256.update(canonical(body));
        return HexFormat.of().formatHex(sha256.digest());
    }

    static byte[] canonical(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || json.isMissingNode()) {
                return body;
            }
            return JSON.writeValueAsBytes(sorted(json));
        } catch (IOException notJson) {
            return body;
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
            object.fields().forEachRemaining(members::add);
            members.sort(Map.Entry.comparingByKey());
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            members.forEach(member -> sorted.set(member.getKey(), sorted(member.getValue())));
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> sorted.add(sorted(element)));
            return sorted;
        }
        return node;
    }
}
