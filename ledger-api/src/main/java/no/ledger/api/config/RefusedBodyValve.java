package no.ledger.api.config;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import java.io.IOException;
import no.ledger.api.web.RequestBodyFilter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Lets {@link RequestBodyFilter} close the connection after refusing a body unread, through the request attribute
 * {@link RequestBodyFilter#DISCARD_BODY}. Tomcat would otherwise read ("swallow") the rest of the body with a
 * blocking read after the answer, so that a client announcing a large body and sending it a byte at a time would
 * hold a worker thread long after it was refused. Bodies refused before that filter (a future authentication
 * filter's 401) are bounded by {@code server.tomcat.max-swallow-size} instead.
 */
public class RefusedBodyValve extends ValveBase {

    public RefusedBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.REQUEST
                && (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null)) {
            request.setAttribute(RequestBodyFilter.DISCARD_BODY,
                    (Runnable) () -> request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null));
        }
        getNext().invoke(request, response);
    }
}
