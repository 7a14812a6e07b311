package no.ledger.api.config;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import no.ledger.api.web.ProblemJson;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answers as problem documents instead of its HTML pages: what Tomcat refuses before the
 * application sees the request (a path with bad percent-encoding or an encoded slash, headers too large, a method
 * it does not implement) and any error that reaches Tomcat without a body.
 *
 * <p>What remains out of reach, because Tomcat answers in its HTTP parser before any valve runs, or closes the
 * connection without an answer:
 * <ul>
 *   <li>a request line that is not HTTP (a bad method token, a control character or a raw space in the target,
 *       an unknown protocol such as {@code HTTP/9.9}): answered 400 or 505 with no body, or the connection closed;
 *   <li>a request line or header section larger than {@code server.max-http-request-header-size}: 400 with no body;
 *   <li>a malformed chunked body or a body cut off by the client: the connection is closed without an answer;
 *   <li>connections beyond {@code server.tomcat.max-connections}: they wait in the accept queue, then are refused.
 * </ul>
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String rule = ProblemJson.ruleOf(status);
        String detail = ProblemJson.detailOf(status);
        // Tomcat's 5xx for requests that are the client's fault: no client input is answered as a server error.
        if (status == 505) {
            status = 400;
            rule = "http-version";
        } else if (status == 501 && "CONNECT".equals(request.getMethod())) {
            status = 405;
            rule = "method-not-allowed";
            detail = "the ledger is no proxy: it does not take CONNECT";
        } else if (status == 501) {
            status = 400;
            rule = "transfer-encoding";
            detail = "the ledger takes request bodies with Content-Length or Transfer-Encoding: chunked only";
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setStatus(status);
            response.setContentType(ProblemJson.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ProblemJson.body(status, rule, detail));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException lost) {
            // The client is gone or the response was used after all: nothing more to say.
        }
    }
}
