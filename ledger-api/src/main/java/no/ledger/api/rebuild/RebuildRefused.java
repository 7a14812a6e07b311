package no.ledger.api.rebuild;

/** A rebuild this setup cannot run safely: on H2, with other instances sharing the database. */
public class RebuildRefused extends RuntimeException {

    public RebuildRefused(String detail) {
        super(detail);
    }
}
