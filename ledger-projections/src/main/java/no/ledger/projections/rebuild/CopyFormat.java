package no.ledger.projections.rebuild;

import java.util.Arrays;

/**
 * Rows formatted for one {@code COPY ... FROM STDIN}, into a buffer of bytes that is sent as it is and reused for
 * the next copy.
 */
abstract class CopyFormat {

    protected byte[] bytes = new byte[1 << 20];
    protected int length;

    /** Starts a new copy, dropping what was formatted before. */
    void reset() {
        length = 0;
    }

    abstract void row(Object[] values);

    /** Ends the copy, after its last row. */
    void end() {
    }

    final byte[] bytes() {
        return bytes;
    }

    final int length() {
        return length;
    }

    /** Makes room for {@code more} bytes after the last. */
    protected final void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
