package no.ledger.api.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Request bodies arrive whole, in time and as JSON before any handler sees them. A body that the server received
 * with the headers is handed on at once; any other is read with non-blocking servlet I/O into memory, so that a
 * client sending it a byte at a time holds a connection but no worker thread, and then the request is dispatched
 * again with the body in hand. Refused: a body that is not JSON in UTF-8 (415; a CSV import takes CSV in UTF-8),
 * larger than {@code maxBodySize} (413; {@code maxImportSize} for an import), or not complete within
 * {@code bodyTimeout} (408). After a 413 or 415 the rest of the body, up to {@link #DRAIN_LIMIT}, is read and
 * dropped before the connection closes, so that a client still sending it reads its answer.
 *
 * <p>Registered after Spring Security and just before the idempotency filter: the filters before it have seen the
 * request once and see a second, asynchronous dispatch as the continuation it is; the idempotency filter first
 * sees a request with a body when the body is whole, in the first dispatch or the second.
 */
public class RequestBodyFilter extends HttpFilter {

    private static final String BODY = RequestBodyFilter.class.getName() + ".body";

    /**
     * A {@link Runnable} the server may put on a request with a body: run when the body is refused unread, it
     * closes the connection after the answer rather than reading the rest of the body (see RefusedBodyValve).
     */
    public static final String DISCARD_BODY = RequestBodyFilter.class.getName() + ".discard";

    /**
     * How much of a refused body is read and dropped before the connection closes: enough for a client that sends a
     * body somewhat over the limit to finish sending and read its answer, little enough to cost nothing much.
     */
    static final long DRAIN_LIMIT = 1024 * 1024;

    /** The one path that takes a file rather than a decision: a CSV import, in UTF-8. */
    static final String IMPORTS_PATH = "/api/imports";

    private final int maxBodySize;
    private final int maxImportSize;
    private final Duration bodyTimeout;

    public RequestBodyFilter(int maxBodySize, int maxImportSize, Duration bodyTimeout) {
        this.maxBodySize = maxBodySize;
        this.maxImportSize = maxImportSize;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY) instanceof byte[] body) {
            chain.doFilter(new BodyInHand(request, body), response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean csvImport = isImport(request) && isCsvInUtf8(request.getContentType());
        if (!csvImport && !isJsonInUtf8(request.getContentType())) {
            response.setHeader("Connection", "close");
            ProblemJson.write(response, 415, "unsupported-media-type", isImport(request)
                    ? "an import is a CSV file in UTF-8: Content-Type text/csv"
                    : "a request body is JSON in UTF-8: Content-Type application/json");
            drainOrDiscard(request);
            return;
        }
        int limit = csvImport ? maxImportSize : maxBodySize;
        if (request.getContentLengthLong() > limit) {
            refuseTooLarge(response, limit);
            drainOrDiscard(request);
            return;
        }
        byte[] arrived = arrivedWithTheHeaders(request);
        if (arrived.length == request.getContentLengthLong()) {
            // The whole body is here already (a decision's few hundred bytes usually come with the headers): it is
            // handed on in this dispatch, without the asynchronous read and the second dispatch.
            chain.doFilter(new BodyInHand(request, arrived), response);
            return;
        }
        readAsynchronously(request, (async, input) -> new BodyReader(async, input, limit, arrived));
    }

    /**
     * Reads the rest of the body with non-blocking I/O, without a worker thread, within {@code bodyTimeout}: the
     * listener gets the data as it arrives and the request's timeout and errors.
     */
    private <L extends ReadListener & AsyncListener> void readAsynchronously(
            HttpServletRequest request, BiFunction<AsyncContext, ServletInputStream, L> listenerOf) throws IOException {
        AsyncContext async = request.startAsync();
        async.setTimeout(bodyTimeout.toMillis());
        ServletInputStream input = request.getInputStream();
        L listener = listenerOf.apply(async, input);
        async.addListener(listener);
        input.setReadListener(listener);
    }

    /**
     * What of a body of announced length the server has received so far, read without waiting for the client: only
     * while the input stream reports bytes available, which Tomcat's does only for bytes already in its buffer, so
     * a client that sends its body slowly never holds this thread. Memory grows with what arrived, not with what was
     * announced. A chunked body is left to the asynchronous read.
     */
    private static byte[] arrivedWithTheHeaders(HttpServletRequest request) throws IOException {
        long announced = request.getContentLengthLong();
        if (announced <= 0 || request.getHeader("Transfer-Encoding") != null) {
            return new byte[0];
        }
        ServletInputStream input = request.getInputStream();
        ByteArrayOutputStream arrived = new ByteArrayOutputStream();
        byte[] chunk = new byte[(int) Math.min(announced, 8192)];
        while (arrived.size() < announced && input.available() > 0) {
            int read = input.read(chunk, 0, (int) Math.min(chunk.length, announced - arrived.size()));
            if (read < 0) {
                break;
            }
            arrived.write(chunk, 0, read);
        }
        return arrived.toByteArray();
    }

    /**
     * After a refusal was written with {@code Connection: close}: the rest of a body of up to {@link #DRAIN_LIMIT} is
     * read and dropped without a worker thread (within {@code bodyTimeout}), then the connection closes; a larger
     * one is not read at all. A client still sending its body when the answer comes may otherwise fail on its
     * next write and lose the answer it has not read yet (Java's HttpClient did, about once in thirty in CI).
     */
    private void drainOrDiscard(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > DRAIN_LIMIT) {
            discardBody(request);
            return;
        }
        readAsynchronously(request, (async, input) -> new RefusedBodyDrain(async, input, 0));
    }

    /** After a refusal was written with {@code Connection: close}: the rest of the body is not read. */
    static void discardBody(jakarta.servlet.ServletRequest request) {
        if (request.getAttribute(DISCARD_BODY) instanceof Runnable discard) {
            discard.run();
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private static boolean isImport(HttpServletRequest request) {
        return IMPORTS_PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    static boolean isCsvInUtf8(String contentType) {
        return hasTypeInUtf8(contentType, "text", "csv");
    }

    static boolean isJsonInUtf8(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            boolean json = type.getType().equals("application")
                    && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
            String charset = type.getParameter("charset");
            return json && (charset == null || charset.replace("\"", "").equalsIgnoreCase("utf-8"));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }

    private static boolean hasTypeInUtf8(String contentType, String type, String subtype) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType media = MediaType.parseMediaType(contentType);
            String charset = media.getParameter("charset");
            return media.getType().equals(type) && media.getSubtype().equals(subtype)
                    && (charset == null || charset.replace("\"", "").equalsIgnoreCase("utf-8"));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }

    private static void refuseTooLarge(HttpServletResponse response, int limit) throws IOException {
        // Closing tells the client to stop sending, rather than Tomcat reading the rest of a large body.
        response.setHeader("Connection", "close");
        ProblemJson.write(response, 413, "payload-too-large", "a request body here is at most " + limit / 1024
                + " KiB");
    }

    /** Collects the body as it arrives; answers by itself when it is too large, too slow or broken. */
    private final class BodyReader implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final ServletInputStream input;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] chunk = new byte[8192];
        /** Answered (or handed on): the body is not collected any further. */
        private final AtomicBoolean over = new AtomicBoolean();
        /** Once refused as too large: drops what still arrives (a listener, once set, cannot be replaced). */
        private volatile RefusedBodyDrain drain;
        private final int limit;

        /** {@code arrived}: the part of the body read before, from the server's buffer. */
        BodyReader(AsyncContext async, ServletInputStream input, int limit, byte[] arrived) {
            this.async = async;
            this.input = input;
            this.limit = limit;
            this.body.writeBytes(arrived);
        }

        @Override
        public void onDataAvailable() throws IOException {
            if (drain != null) {
                drain.onDataAvailable();
                return;
            }
            while (!over.get() && input.isReady()) {
                int read = input.read(chunk);
                if (read < 0) {
                    return;
                }
                body.write(chunk, 0, read);
                if (body.size() > limit && over.compareAndSet(false, true)) {
                    refuseTooLarge((HttpServletResponse) async.getResponse(), limit);
                    // The rest is read and dropped, as for a body refused before it was read (drainOrDiscard).
                    drain = new RefusedBodyDrain(async, input, body.size());
                    drain.onDataAvailable();
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (drain != null) {
                drain.onAllDataRead();
            } else if (over.compareAndSet(false, true)) {
                async.getRequest().setAttribute(BODY, body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (failure instanceof SocketTimeoutException) {
                answer(408, "request-timeout", "the request body did not arrive in time");
            } else {
                answer(400, "readable-body", "the request body could not be read to its end");
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            answer(408, "request-timeout", "the request body did not arrive within " + bodyTimeout.toSeconds()
                    + " seconds");
        }

        /**
         * Answers and completes the request. Unlike a refusal before the body is read, this one does not
         * {@linkplain RequestBodyFilter#discardBody discard} the body: an asynchronous request that ends with
         * {@code Connection: close} is closed by Tomcat without reading the rest, and marking it failed as well kept
         * Tomcat from finishing it, so that a timed-out body left a request in progress and held every shutdown for
         * its whole grace period ({@code TimedOutBodiesTest}).
         */
        private void answer(int status, String rule, String detail) {
            if (!over.compareAndSet(false, true)) {
                if (drain != null) {
                    // Answered already; the rest of the body did not come in time or could not be read.
                    drain.complete();
                }
                return;
            }
            try {
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                response.setHeader("Connection", "close");
                ProblemJson.write(response, status, rule, detail);
            } catch (IOException | IllegalStateException gone) {
                // The client is gone: nobody to answer.
            } finally {
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** Reads and drops the rest of a refused body, then ends the request (see drainOrDiscard). */
    private static final class RefusedBodyDrain implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final ServletInputStream input;
        private final byte[] chunk = new byte[8192];
        private final AtomicBoolean completed = new AtomicBoolean();
        private long drained;

        /** {@code alreadyRead}: how much of the body was read before it was refused. */
        RefusedBodyDrain(AsyncContext async, ServletInputStream input, long alreadyRead) {
            this.async = async;
            this.input = input;
            this.drained = alreadyRead;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!completed.get() && input.isReady()) {
                int read = input.read(chunk);
                if (read < 0) {
                    return;
                }
                drained += read;
                if (drained > DRAIN_LIMIT) {
                    complete();
                }
            }
        }

        @Override
        public void onAllDataRead() {
            complete();
        }

        @Override
        public void onError(Throwable failure) {
            complete();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            complete();
        }

        @Override
        public void onError(AsyncEvent event) {
            complete();
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        /** The answer is written already, with {@code Connection: close}: Tomcat closes once the request ends. */
        private void complete() {
            if (completed.compareAndSet(false, true)) {
                async.complete();
            }
        }
    }
}
