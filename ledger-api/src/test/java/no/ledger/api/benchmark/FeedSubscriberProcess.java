package no.ledger.api.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link FeedBenchmark}'s subscribers as a process of their own, as other systems following the ledger would be:
 * each holds {@code GET /api/events/stream} on a plain socket and counts the SSE ids it receives, all of them read by
 * one thread with a selector, so that the clients cost the machine as little as a client can. They still share its
 * cores with the service.
 *
 * <p>Arguments: the port, how many streams, the position to start after, and Basic credentials (base64). Prints
 * {@code open} once every stream answered 200; then, for each line {@code count} on standard input, the fewest
 * events any stream has received. Ends when standard input closes, dropping every connection.
 */
public final class FeedSubscriberProcess {

    private static final byte[] ID_LINE = "\nid:".getBytes(StandardCharsets.US_ASCII);

    private FeedSubscriberProcess() {
    }

    public static void main(String[] arguments) throws IOException, InterruptedException {
        int port = Integer.parseInt(arguments[0]);
        int count = Integer.parseInt(arguments[1]);
        long after = Long.parseLong(arguments[2]);
        String credentials = arguments[3];
        PrintStream out = System.out;
        byte[] request = ("GET /api/events/stream?after=" + after + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nAuthorization: Basic " + credentials + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Selector selector = Selector.open();
        List<Stream> streams = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ByteBuffer sending = ByteBuffer.wrap(request);
            while (sending.hasRemaining()) {
                channel.write(sending);
            }
            channel.configureBlocking(false);
            Stream stream = new Stream();
            channel.register(selector, SelectionKey.OP_READ, stream);
            streams.add(stream);
        }
        Thread reader = new Thread(() -> read(selector, streams, out), "subscribers");
        reader.setDaemon(true);
        reader.start();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            if (command.equals("count")) {
                out.println(streams.stream().mapToLong(stream -> stream.events).min().orElse(0));
                out.flush();
            }
        }
        System.exit(0);
    }

    private static void read(Selector selector, List<Stream> streams, PrintStream out) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        boolean announced = false;
        try {
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    Stream stream = (Stream) key.attachment();
                    buffer.clear();
                    int read = ((SocketChannel) key.channel()).read(buffer);
                    if (read < 0) {
                        throw new IOException("a stream was closed by the service");
                    }
                    stream.take(buffer.array(), read);
                }
                selector.selectedKeys().clear();
                if (!announced && streams.stream().allMatch(stream -> stream.status != 0)) {
                    String refused = streams.stream().filter(stream -> stream.status != 200)
                            .map(stream -> String.valueOf(stream.status)).findFirst().orElse(null);
                    out.println(refused == null ? "open" : "refused " + refused);
                    out.flush();
                    announced = true;
                }
            }
        } catch (IOException | RuntimeException failure) {
            out.println("failed " + failure);
            out.flush();
            System.exit(1);
        }
    }

    /** One response as it arrives: the status line and headers, then chunks whose data holds the events. */
    private static final class Stream {

        private final StringBuilder head = new StringBuilder();
        private volatile int status;
        private volatile long events;
        private boolean chunked;
        private boolean inBody;
        /** Bytes of the current chunk still to come; -1 while reading a size line, -2 the CRLF after a chunk. */
        private long chunkLeft = -1;
        private long chunkSize;
        /** Past a semicolon in a size line: a chunk extension, ignored. */
        private boolean extension;
        private int crlfLeft;
        private int matched = 1; // the body starts as if after a newline

        void take(byte[] bytes, int length) {
            for (int index = 0; index < length; index++) {
                byte next = bytes[index];
                if (!inBody) {
                    head.append((char) next);
                    int end = head.indexOf("\r\n\r\n");
                    if (end >= 0) {
                        String[] lines = head.substring(0, end).split("\r\n");
                        chunked = head.toString().toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
                        inBody = true;
                        status = Integer.parseInt(lines[0].split(" ")[1]);
                    }
                } else if (!chunked) {
                    count(next);
                } else if (chunkLeft > 0) {
                    count(next);
                    chunkLeft--;
                    if (chunkLeft == 0) {
                        chunkLeft = -2;
                        crlfLeft = 2;
                    }
                } else if (chunkLeft == -2) {
                    if (--crlfLeft == 0) {
                        chunkLeft = -1;
                        chunkSize = 0;
                    }
                } else {
                    sizeLine(next);
                }
            }
        }

        private void sizeLine(byte next) {
            if (next == '\n') {
                chunkLeft = chunkSize == 0 ? -1 : chunkSize;
                extension = false;
                if (chunkSize == 0) {
                    throw new IllegalStateException("the service ended a stream");
                }
            } else if (next == ';') {
                extension = true;
            } else if (!extension && next != '\r') {
                chunkSize = chunkSize * 16 + Character.digit(next, 16);
            }
        }

        private void count(byte next) {
            if (next == ID_LINE[matched]) {
                matched++;
                if (matched == ID_LINE.length) {
                    events++;
                    matched = 0;
                }
            } else {
                matched = next == '\n' ? 1 : 0;
            }
        }
    }
}
