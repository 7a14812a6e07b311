package no.ledger.api.hostile;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import no.ledger.api.support.LedgerClient;

/** Slow-body attacks: connections that announce a declaration's body of 4 KB and then send it slowly, or never. */
final class SlowBodies {

    private SlowBodies() {
    }

    /** A connection whose request line and headers are sent, and none of its body yet. */
    static Socket open(LedgerClient ledger) throws IOException {
        return ledger.openSlowRequest("POST /api/programmes/akson/participants/0301/declaration HTTP/1.1",
                List.of("Host: localhost", "Content-Type: application/json", "Content-Length: 4096"));
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException closed) {
            // closed already
        }
    }
}
