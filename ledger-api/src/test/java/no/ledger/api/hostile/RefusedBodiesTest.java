package no.ledger.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.ledger.api.support.LedgerClient.RawAnswer;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A body refused unread (too large, or not JSON) is answered with a problem document, and the connection then ends
 * cleanly, whether the client sent the whole body before reading or was still sending when the answer came: the
 * rest of the body is read and dropped first, up to a bound (RequestBodyFilter's drain). A body announced beyond that
 * bound is not read at all, so an endless one is cut off at once.
 */
class RefusedBodiesTest extends LedgerIntegrationTest {

    private static final String DECLARATION = "/api/programmes/akson/participants/0301/declaration";
    private static final int OVER_THE_LIMIT = 70_000;
    private static final int TRIES = 3;

    @Test
    void anOversizedBodySentWholeBeforeReadingIsAnswered413EveryTime() throws Exception {
        byte[] body = declarationOf(OVER_THE_LIMIT);
        for (int i = 0; i < TRIES; i++) {
            String answer = sendWholeThenRead(List.of("Content-Type: application/json",
                    "Content-Length: " + body.length), body);
            assertThat(answer).as("try %d", i).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("\"rule\"").doesNotContain("<");
        }
    }

    /** The client is still sending when the server has answered: what an HTTP client streaming a body does. */
    @Test
    void anOversizedBodyStillBeingSentWhenRefusedIsAnswered413EveryTime() throws Exception {
        byte[] body = declarationOf(OVER_THE_LIMIT);
        for (int i = 0; i < TRIES; i++) {
            String answer = sendInPiecesThenRead(List.of("Content-Type: application/json",
                    "Content-Length: " + body.length), body);
            assertThat(answer).as("try %d", i).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .doesNotContain("<");
        }
    }

    @Test
    void anOversizedChunkedBodyIsAnswered413EveryTime() throws Exception {
        byte[] body = chunked(declarationOf(OVER_THE_LIMIT));
        for (int i = 0; i < TRIES; i++) {
            String answer = sendWholeThenRead(List.of("Content-Type: application/json",
                    "Transfer-Encoding: chunked"), body);
            assertThat(answer).as("try %d", i).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .doesNotContain("<");
        }
    }

    @Test
    void aBodyThatIsNotJsonIsAnswered415EveryTime() throws Exception {
        byte[] body = "x".repeat(40_000).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < TRIES; i++) {
            String answer = sendWholeThenRead(List.of("Content-Type: text/plain",
                    "Content-Length: " + body.length), body);
            assertThat(answer).as("try %d", i).startsWith("HTTP/1.1 415").contains("application/problem+json")
                    .doesNotContain("<");
        }
    }

    @Test
    void anHttpClientSendingAnOversizedBodyGetsItsAnswer() {
        byte[] body = declarationOf(OVER_THE_LIMIT);
        for (int i = 0; i < 10 * TRIES; i++) {
            RawAnswer answer = ledger.exchangeOnANewConnection("POST", DECLARATION,
                    Map.of("Content-Type", "application/json"), body);
            assertThat(answer.status()).as("try %d: %s", i, answer).isEqualTo(413);
        }
    }

    /** An endless body is not read on: the connection is closed soon, after little of it. */
    @Test
    void anEndlessRefusedBodyIsCutOff() throws Exception {
        long announced = 1L << 34;
        try (Socket socket = ledger.openSlowRequest("POST " + DECLARATION + " HTTP/1.1",
                List.of("Host: localhost", "Content-Type: application/json", "Content-Length: " + announced))) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            byte[] block = new byte[64 * 1024];
            long sent = 0;
            long started = System.nanoTime();
            try {
                while (sent < announced && System.nanoTime() - started < 30_000_000_000L) {
                    out.write(block);
                    sent += block.length;
                }
            } catch (IOException closedByTheServer) {
                // what the test waits for
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertThat(seconds).as("seconds until the server stopped reading (%d bytes sent)", sent)
                    .isLessThan(15);
            assertThat(sent).as("bytes the server took before it closed").isLessThan(64L << 20);
        }
        assertThat(ledger.get("/actuator/health").status()).isEqualTo(200);
    }

    private static byte[] declarationOf(int valueLength) {
        return ("{\"signedOn\": \"" + "x".repeat(valueLength) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int from = 0; from < body.length; from += 4096) {
            int length = Math.min(4096, body.length - from);
            chunks.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(body, from, length);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunks.toByteArray();
    }

    /**
     * Sends the request whole, waits until the server has surely answered and closed the connection, then reads. Returns what was read up to the end of the connection, and a note in angle brackets
     * if it ended with an error (a reset) rather than cleanly.
     */
    private String sendWholeThenRead(List<String> headers, byte[] body) throws Exception {
        return sendThenRead(headers, body, body.length);
    }

    /** Sends a first piece, waits until the server has answered, then sends the rest and reads. */
    private String sendInPiecesThenRead(List<String> headers, byte[] body) throws Exception {
        return sendThenRead(headers, body, 1024);
    }

    private String sendThenRead(List<String> headers, byte[] body, int firstPiece) throws Exception {
        List<String> head = new ArrayList<>(List.of("Host: localhost"));
        head.addAll(headers);
        try (Socket socket = ledger.openSlowRequest("POST " + DECLARATION + " HTTP/1.1", head)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(body, 0, firstPiece);
            out.flush();
            Thread.sleep(100);
            try {
                out.write(body, firstPiece, body.length - firstPiece);
                out.flush();
            } catch (IOException closedByTheServer) {
                return "<the rest of the body could not be sent: " + closedByTheServer.getMessage() + ">";
            }
            Thread.sleep(100);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    answer.write(buffer, 0, read);
                }
            } catch (IOException reset) {
                answer.writeBytes(("<the connection ended with: " + reset.getMessage() + ">")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
