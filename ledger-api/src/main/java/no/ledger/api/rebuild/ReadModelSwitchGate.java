package no.ledger.api.rebuild;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds requests back for the moment a rebuild puts its tables in place of the live ones on a database whose
 * renames cannot share one transaction (H2), so that no request finds a table gone. Each request to the API holds
 * a read lock while it runs (uncontended, it costs next to nothing); the switch takes the write lock. PostgreSQL's
 * renames are transactional, so there the database itself holds readers back, on every instance.
 */
@Component
public class ReadModelSwitchGate extends OncePerRequestFilter {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        // A live stream stays open for hours and never reads a read model.
        return !path.startsWith("/api/") || path.startsWith("/api/events/stream")
                || path.startsWith("/api/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        lock.readLock().lock();
        try {
            chain.doFilter(request, response);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs the switch while no request runs, or fails if requests still run after the time given. */
    void closedWhile(Duration waitForRequests, SwitchStep step) throws Exception {
        if (!lock.writeLock().tryLock(waitForRequests.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("requests still running after " + waitForRequests + "; not switched");
        }
        try {
            step.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @FunctionalInterface
    interface SwitchStep {
        void run() throws Exception;
    }
}
