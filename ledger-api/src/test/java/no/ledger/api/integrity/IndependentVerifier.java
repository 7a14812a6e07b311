package no.ledger.api.integrity;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the ledger's verifiable log without trusting the ledger, and with nothing but the JDK: none of the
 * service's classes, no JSON library. It takes a tree head that the auditor kept and the ledger's public key, checks
 * the head's Ed25519 signature, asks the service for its current head and a consistency proof from the kept one, and
 * checks them with the algorithms of RFC 9162 sections 2.1.3.2 and 2.1.4.2; for each event named, it recomputes the
 * event's leaf from {@code GET /api/events/{id}} (the RFC 8785 canonical JSON without {@code integrity}) and checks
 * its inclusion proof.
 *
 * <pre>
 * java ledger-api/src/test/java/no/ledger/api/integrity/IndependentVerifier.java \
 *     http://localhost:8080 kept-tree-head.json ledger-public-key.pem [eventId ...]
 * </pre>
 * Reading events needs the AUDITOR role: set {@code LEDGER_USER} and {@code LEDGER_PASSWORD}. On success it prints
 * the current tree head, to be kept for the next time, and exits 0; on any failure it says what failed and exits 1.
 */
public final class IndependentVerifier {

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newHttpClient();

    public IndependentVerifier(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments.length < 3) {
            System.err.println("usage: java IndependentVerifier.java <baseUrl> <kept-tree-head.json>"
                    + " <public-key.pem> [eventId ...]");
            System.exit(2);
        }
        IndependentVerifier verifier = new IndependentVerifier(arguments[0], System.getenv("LEDGER_USER"),
                System.getenv("LEDGER_PASSWORD"));
        PublicKey key = publicKey(Files.readString(Path.of(arguments[2])));
        Map<String, Object> kept = object(parse(Files.readString(Path.of(arguments[1]))));
        try {
            Map<String, Object> current = verifier.check(kept, key,
                    Arrays.asList(arguments).subList(3, arguments.length));
            System.out.println(canonical(current));
        } catch (VerificationFailed failed) {
            System.err.println("VERIFICATION FAILED: " + failed.getMessage());
            System.exit(1);
        }
    }

    /** A check that did not hold. */
    public static final class VerificationFailed extends RuntimeException {
        public VerificationFailed(String message) {
            super(message);
        }
    }

    /**
     * Every check, in order: the kept head's signature, the current head's, the consistency of the two, and for
     * each event its leaf and its inclusion in the current head. Answers the current head.
     */
    public Map<String, Object> check(Map<String, Object> kept, PublicKey key, List<String> eventIds)
            throws IOException, InterruptedException {
        require(signatureHolds(kept, key), "the kept tree head's signature does not hold");
        Map<String, Object> current = object(get("/api/integrity/tree-head"));
        require(signatureHolds(current, key), "the current tree head's signature does not hold");
        long first = number(kept.get("treeSize"));
        long second = number(current.get("treeSize"));
        require(first <= second, "the log shrank from " + first + " to " + second + " leaves");
        byte[] firstRoot = base64(kept.get("rootHash"));
        byte[] secondRoot = base64(current.get("rootHash"));
        if (first > 0) {
            Map<String, Object> proof = object(get("/api/integrity/consistency-proof?first=" + first
                    + "&second=" + second));
            require(verifyConsistency(first, second, firstRoot, secondRoot, hashes(proof.get("consistencyPath"))),
                    "the consistency proof from " + first + " to " + second + " does not hold: history changed");
        }
        for (String eventId : eventIds) {
            checkEvent(eventId, second, secondRoot);
        }
        System.err.printf("OK: tree head of %d leaves is consistent with the kept one of %d; %d event(s) included%n",
                second, first, eventIds.size());
        return current;
    }

    /** Recomputes the event's leaf from what the ledger shows of it, and checks its inclusion in the tree. */
    public void checkEvent(String eventId, long treeSize, byte[] rootHash) throws IOException, InterruptedException {
        Map<String, Object> event = object(get("/api/events/" + URLEncoder.encode(eventId, StandardCharsets.UTF_8)));
        Object integrity = event.remove("integrity");
        require(integrity instanceof Map, "event " + eventId + " is not in the tree yet");
        byte[] leafHash = leafHash(canonical(event).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> claimed = object(integrity);
        require(Arrays.equals(leafHash, base64(claimed.get("leafHash"))),
                "event " + eventId + " as shown does not hash to the leaf the ledger claims");
        long leafIndex = number(claimed.get("leafIndex"));
        require(leafIndex < treeSize, "event " + eventId + " is not in the tree head checked");
        Map<String, Object> proof = object(get("/api/integrity/inclusion-proof?leafIndex=" + leafIndex
                + "&treeSize=" + treeSize));
        require(verifyInclusion(leafIndex, treeSize, leafHash, hashes(proof.get("auditPath")), rootHash),
                "the inclusion proof of event " + eventId + " does not hold");
    }

    private Object get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        require(response.statusCode() == 200, "GET " + path + " answered " + response.statusCode() + ": "
                + response.body());
        return parse(response.body());
    }

    private static void require(boolean holds, String failure) {
        if (!holds) {
            throw new VerificationFailed(failure);
        }
    }

    // --- RFC 9162, section 2.1 ---

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest digest = sha256();
        digest.update((byte) 0);
        return digest.digest(leaf);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update((byte) 1);
        digest.update(left);
        return digest.digest(right);
    }

    /** RFC 9162 2.1.3.2: verifying an inclusion proof. */
    public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path,
                                          byte[] rootHash) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, rootHash);
    }

    /**
     * RFC 9162 2.1.4.2: verifying a consistency proof. Two heads of the same size are consistent when their roots
     * are equal (the proof is then empty, which the RFC's steps would refuse).
     */
    public static boolean verifyConsistency(long first, long second, byte[] firstHash, byte[] secondHash,
                                            List<byte[]> consistencyPath) {
        if (first <= 0 || first > second) {
            return false;
        }
        if (first == second) {
            return consistencyPath.isEmpty() && Arrays.equals(firstHash, secondHash);
        }
        if (consistencyPath.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(consistencyPath);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstHash);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
    }

    // --- Signed tree heads ---

    /** Whether the head's signature, Ed25519 over the JCS of {rootHash, timestamp, treeSize}, holds. */
    public static boolean signatureHolds(Map<String, Object> head, PublicKey key) {
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("rootHash", head.get("rootHash"));
        signed.put("timestamp", head.get("timestamp"));
        signed.put("treeSize", head.get("treeSize"));
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(canonical(signed).getBytes(StandardCharsets.UTF_8));
            return signature.verify(base64(head.get("signature")));
        } catch (GeneralSecurityException | IllegalArgumentException broken) {
            return false;
        }
    }

    public static PublicKey publicKey(String pem) throws GeneralSecurityException {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(body)));
    }

    // --- RFC 8785 canonical JSON, written anew so as not to trust the ledger's own ---

    /** The JCS form of parsed JSON (maps, lists, strings, BigDecimal numbers, booleans, null). */
    public static String canonical(Object json) {
        StringBuilder out = new StringBuilder();
        writeCanonical(json, out);
        return out.toString();
    }

    private static void writeCanonical(Object json, StringBuilder out) {
        if (json instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((name, value) -> sorted.put((String) name, value));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> member : sorted.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                writeCanonicalString(member.getKey(), out);
                out.append(':');
                writeCanonical(member.getValue(), out);
            }
            out.append('}');
        } else if (json instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                writeCanonical(list.get(i), out);
            }
            out.append(']');
        } else if (json instanceof String text) {
            writeCanonicalString(text, out);
        } else if (json instanceof Number number) {
            out.append(ecmaScriptNumber(new BigDecimal(number.toString()).doubleValue()));
        } else {
            out.append(json);
        }
    }

    private static void writeCanonicalString(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\b') {
                out.append("\\b");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\f') {
                out.append("\\f");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** Number::toString of ECMA-262: the shortest digits that read back as the double, in its layout rules. */
    static String ecmaScriptNumber(double value) {
        if (value == 0) {
            return "0";
        }
        if (value < 0) {
            return "-" + ecmaScriptNumber(-value);
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shortest = null;
        for (int digits = 1; shortest == null; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == value || digits == 17) {
                shortest = rounded.stripTrailingZeros();
            }
        }
        String s = shortest.unscaledValue().toString();
        int k = s.length();
        int n = k - shortest.scale();
        if (k <= n && n <= 21) {
            return s + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return s.substring(0, n) + "." + s.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + s;
        }
        String exponent = (n - 1 < 0 ? "-" : "+") + Math.abs(n - 1);
        return (k == 1 ? s : s.charAt(0) + "." + s.substring(1)) + "e" + exponent;
    }

    // --- A small JSON reader: objects as ordered maps, numbers as BigDecimal ---

    public static Object parse(String json) {
        Reader reader = new Reader(json);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.at < json.length()) {
            throw new IllegalArgumentException("trailing text at " + reader.at);
        }
        return value;
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        Object value() {
            skipSpace();
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> object = new LinkedHashMap<>();
                at++;
                skipSpace();
                if (text.charAt(at) == '}') {
                    at++;
                    return object;
                }
                while (true) {
                    skipSpace();
                    String name = string();
                    skipSpace();
                    expect(':');
                    object.put(name, value());
                    skipSpace();
                    if (text.charAt(at) == ',') {
                        at++;
                    } else {
                        expect('}');
                        return object;
                    }
                }
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                skipSpace();
                if (text.charAt(at) == ']') {
                    at++;
                    return array;
                }
                while (true) {
                    array.add(value());
                    skipSpace();
                    if (text.charAt(at) == ',') {
                        at++;
                    } else {
                        expect(']');
                        return array;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (text.startsWith("true", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("unexpected '" + c + "' at " + at);
            }
            return new BigDecimal(text.substring(start, at));
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(escaped);
                }
            }
        }

        void expect(char c) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at);
            }
            at++;
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object json) {
        if (!(json instanceof Map)) {
            throw new VerificationFailed("expected a JSON object, got " + json);
        }
        return (Map<String, Object>) json;
    }

    static long number(Object json) {
        return ((BigDecimal) json).longValueExact();
    }

    static byte[] base64(Object json) {
        return Base64.getDecoder().decode((String) json);
    }

    static List<byte[]> hashes(Object json) {
        List<byte[]> hashes = new ArrayList<>();
        for (Object hash : (List<?>) json) {
            hashes.add(base64(hash));
        }
        return hashes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
