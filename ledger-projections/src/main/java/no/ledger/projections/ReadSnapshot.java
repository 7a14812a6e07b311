package no.ledger.projections;

import javax.sql.DataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read-only transactions that see every table as of one instant: an answer read in one never mixes two states of
 * the read models, whichever tables it reads and in whatever order.
 *
 * <p>PostgreSQL's {@code REPEATABLE READ} is such a snapshot, taken at the transaction's first statement. H2's is
 * not: it fixes each table at the transaction's first read of that table, so a table read later shows what was
 * committed meanwhile (H2 2.3: a version read first, then a row committed together with the next version appears in
 * another table). H2 takes one snapshot of the whole database at {@code SERIALIZABLE}, which blocks no writer when
 * the transaction only reads.
 */
public final class ReadSnapshot {

    private ReadSnapshot() {
    }

    /** A template for read-only transactions that each see one snapshot of the database behind {@code dataSource}. */
    public static TransactionTemplate template(PlatformTransactionManager transactions, DataSource dataSource) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setIsolationLevel(isolation(dataSource));
        template.setReadOnly(true);
        return template;
    }

    /** The isolation level at which the database gives a transaction one snapshot of every table. */
    private static int isolation(DataSource dataSource) {
        return DatabaseProduct.isH2(dataSource) ? TransactionDefinition.ISOLATION_SERIALIZABLE
                : TransactionDefinition.ISOLATION_REPEATABLE_READ;
    }
}
