package no.ledger.api.rebuild;

/** A rebuild was asked for while another runs (on this instance or another). */
public class RebuildInProgress extends RuntimeException {

    private final long running;

    public RebuildInProgress(long running) {
        super("read model rebuild " + running + " is running; wait for it to end");
        this.running = running;
    }

    public long running() {
        return running;
    }
}
