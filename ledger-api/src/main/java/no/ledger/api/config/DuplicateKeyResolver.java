package no.ledger.api.config;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon when an append failed because another writer took the same aggregate sequence number first, so that
 * it reports a concurrency conflict instead of a storage failure. Axon's own resolver only knows the JDBC exception
 * class that H2 throws (and takes any integrity violation for one); PostgreSQL's driver reports the violation by
 * its SQL state, 23505, as H2 does too. Other integrity violations stay storage failures.
 */
public class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
