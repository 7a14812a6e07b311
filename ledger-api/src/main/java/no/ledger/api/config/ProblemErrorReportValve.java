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
 * Tomcat's 5xx answers to what is the client's fault are turned into 4xx here: 505 for an unknown protocol
 * ({@code HTTP/9.9}) into 400 {@code http-version}, 501 for {@code CONNECT} into 405, 501 for an unknown transfer
 * encoding into 400 {@code transfer-encoding}.
 *
 * <p>What remains out of reach, because Tomcat answers (or not) in its HTTP parser, where no valve runs:
 * <ul>
 *   <li>the HTTP/2 connection preface ({@code PRI * HTTP/2.0}) on this HTTP/1.1 port: the connection is closed
 *       without an answer;
 *   <li>an HTTP/0.9 request ({@code GET /} with no protocol), and at times a request line broken before Tomcat has
 *       read its protocol (an invalid character in the method, or a line longer than
 *       {@code server.max-http-request-header-size}): answered as HTTP/0.9 is, the problem document as the body with
 *       no status line or headers, so without its status and media type;
 *   <li>a request whose line or headers never end (blank lines, a header section cut off): the connection is closed
 *       after {@code server.tomcat.connection-timeout} without an answer, as no request was received;
 *   <li>connections beyond {@code server.tomcat.max-connections}: they wait in the accept queue, then are refused;
 *   <li>a HEAD request's answer has no body, by definition.
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
