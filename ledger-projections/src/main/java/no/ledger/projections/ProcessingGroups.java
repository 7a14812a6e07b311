package no.ledger.projections;

/**
 * The event processors, one per group of read models that are built together. Each keeps its own position in the
 * event stream, can be replayed on its own, and splits its work into segments by aggregate.
 */
public final class ProcessingGroups {

    /** Municipalities, populations, programmes and participations: coverage and participants. */
    public static final String PARTICIPANTS = "participants";
    /** Companies and their share registers. */
    public static final String OWNERSHIP = "ownership";
    /** Every event about each municipality, for auditors. */
    public static final String HISTORY = "history";

    public static final String[] ALL = {PARTICIPANTS, OWNERSHIP, HISTORY};

    private ProcessingGroups() {
    }
}
