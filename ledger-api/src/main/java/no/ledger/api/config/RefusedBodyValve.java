package no.ledger.api.config;

import jakarta.servlet.ServletException;
import java.io.IOException;
import no.ledger.api.web.RequestBodyFilter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * A refused request's unread body is not read: the connection is closed after the answer instead. Tomcat would
 * otherwise read ("swallow") up to {@code max-swallow-size} of it with a blocking read after the answer, so that a
 * client announcing a large body and sending it a byte at a time would hold a worker thread long after it was
 * refused. For bodies refused asynchronously, {@link RequestBodyFilter} runs the same action through the request
 * attribute {@link RequestBodyFilter#DISCARD_BODY}.
 */
public class RefusedBodyValve extends ValveBase {

    public RefusedBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (hasBody) {
            request.setAttribute(RequestBodyFilter.DISCARD_BODY,
                    (Runnable) () -> request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null));
        }
        getNext().invoke(request, response);
        if (hasBody && response.getStatus() >= 400 && !request.isAsync()) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}
