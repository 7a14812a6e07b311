package no.ledger.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.ledger.api.support.LedgerIntegrationTest;
import org.apache.catalina.Container;
import org.apache.catalina.core.StandardContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * A body that does not arrive within {@code ledger.http.body-timeout} is answered 408 on a closed connection, and its
 * request ends there: Tomcat no longer counts it in progress, so a graceful shutdown does not wait for it. (When the
 * answer also discarded the body, each such request stayed in progress and held every shutdown for 30 seconds.)
 */
class TimedOutBodiesTest extends LedgerIntegrationTest {

    private static final int SLOW_BODIES = 3;

    @Autowired
    private ServletWebServerApplicationContext context;

    /** The asynchronous requests Tomcat has not finished: what its graceful shutdown waits for. */
    private int requestsInProgress() {
        int inProgress = 0;
        for (Container web : ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().findChildren()) {
            inProgress += ((StandardContext) web).getInProgressAsyncCount();
        }
        return inProgress;
    }

    @Test
    void aBodyCutOffWith408LeavesNoRequestInProgress() throws Exception {
        int before = requestsInProgress();
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_BODIES; i++) {
            slow.add(SlowBodies.open(ledger));
        }
        Map<Integer, String> answers = new HashMap<>();
        long deadline = System.currentTimeMillis() + 30_000;
        try {
            while (answers.size() < SLOW_BODIES && System.currentTimeMillis() < deadline) {
                for (int i = 0; i < SLOW_BODIES; i++) {
                    if (answers.containsKey(i)) {
                        continue;
                    }
                    InputStream answer = slow.get(i).getInputStream();
                    if (answer.available() > 0) {
                        byte[] statusLine = answer.readNBytes(12);
                        answers.put(i, new String(statusLine, StandardCharsets.ISO_8859_1));
                    } else {
                        slow.get(i).getOutputStream().write(' ');
                        slow.get(i).getOutputStream().flush();
                    }
                }
                Thread.sleep(200);
            }
        } finally {
            for (Socket socket : slow) {
                SlowBodies.closeQuietly(socket);
            }
        }

        assertThat(answers.values()).hasSize(SLOW_BODIES).allMatch(status -> status.equals("HTTP/1.1 408"));
        long settle = System.currentTimeMillis() + 5_000;
        while (requestsInProgress() > before && System.currentTimeMillis() < settle) {
            Thread.sleep(100);
        }
        assertThat(requestsInProgress()).as("requests in progress, before the slow bodies: " + before)
                .isLessThanOrEqualTo(before);
    }
}
