package no.ledger.api.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import no.ledger.api.config.AxonConfiguration;
import no.ledger.api.imports.ImportFile.LineCommand;
import no.ledger.core.company.IssueShares;
import no.ledger.core.participation.ParticipationCommand;
import no.ledger.core.retraction.RetractDecision;
import no.ledger.core.shared.RuleViolation;
import no.ledger.projections.timeline.TimeBounds;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a CSV file of decisions all or nothing, through the same command path as one POST a decision.
 *
 * <ol>
 *   <li>Every row is read and its cells checked (presence, format, dates), as the POST's validation does.</li>
 *   <li>Every row is then checked by the aggregates' own rules against their state in the store, each after the
 *       rows above it for the same party ({@link DecisionCheck}), so that every refused row is reported.</li>
 *   <li>Only a file without a single problem is recorded, in the background, one command a row as its POST would
 *       send it. Should a row be refused now after all (another writer decided on the same party between the check
 *       and the recording), the rows recorded so far are retracted, newest first, with the reason: a retraction
 *       voids a decision for every date, so the file as a whole counts for nothing, though its rows stay visible in
 *       the history as recorded and retracted. The import is then {@code FAILED} and may be sent again.</li>
 * </ol>
 * The file's fingerprint (SHA-256 of kind, target and content) is unique among running and finished imports, so the
 * same file sent twice records nothing the second time. An import cut short by a crash of the service stays
 * {@code RUNNING} with the rows recorded until then; its events name it in their {@code recordedBy}.
 */
@Component
public class Imports implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(Imports.class);
    private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");
    /** How many parties' rows are sent side by side. */
    private static final int LANES = 4;
    /** How often a running import writes its progress, in rows. */
    private static final int PROGRESS_EVERY = 200;

    private final CommandGateway commands;
    private final DecisionCheck decisions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final ObjectMapper json;
    /** One import records at a time: they would otherwise hold long transactions side by side. */
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ledger-import");
        thread.setDaemon(true);
        return thread;
    });

    public Imports(CommandGateway commands, DecisionCheck decisions, JdbcTemplate jdbc,
                   PlatformTransactionManager transactions, Clock clock, ObjectMapper json) {
        this.commands = commands;
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.json = json;
    }

    /** Checks the whole file and, when every row holds, starts recording it; answers the import as started. */
    public ImportStatus start(ImportKind kind, String target, String text, String recordedBy) {
        String fingerprint = fingerprint(kind, target, text);
        Optional<ImportStatus> earlier = byFingerprint(fingerprint);
        if (earlier.isPresent()) {
            return earlier.get().asDuplicate();
        }
        ImportFile file = ImportFile.read(kind, target, text);
        List<RowProblem> problems = new ArrayList<>(file.problems());
        problems.addAll(decisions.check(file.commands()));
        int rowsInAll = file.commands().size() + (int) file.problems().stream().map(RowProblem::line).distinct()
                .count();
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(RowProblem::line));
            throw new ImportRejected(rowsInAll, problems);
        }
        String id = "import-" + UUID.randomUUID();
        try {
            jdbc.update("INSERT INTO import_run (import_id, fingerprint, kind, target, state, rows_in_all, rows_done,"
                            + " recorded_by, started_at) VALUES (?, ?, ?, ?, 'RUNNING', ?, 0, ?, ?)",
                    id, fingerprint, kind.kindName(), target, rowsInAll, recordedBy, now());
        } catch (DuplicateKeyException sentTwiceAtOnce) {
            return byFingerprint(fingerprint).orElseThrow(() -> sentTwiceAtOnce).asDuplicate();
        }
        recorder.execute(() -> record(id, file.commands(), recordedBy));
        return status(id).orElseThrow();
    }

    public Optional<ImportStatus> status(String id) {
        List<ImportStatus> found = jdbc.query("SELECT * FROM import_run WHERE import_id = ?", (row, index) ->
                new ImportStatus(row.getString("import_id"), row.getString("kind"), row.getString("target"),
                        row.getString("state"), row.getInt("rows_in_all"), row.getInt("rows_done"),
                        row.getString("recorded_by"),
                        TimeBounds.instant(row.getObject("started_at", OffsetDateTime.class)),
                        TimeBounds.instant(row.getObject("finished_at", OffsetDateTime.class)), null,
                        problems(row.getString("failure")), null), id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ImportStatus status = found.get(0);
        List<ImportStatus.RecordedRow> recorded = jdbc.query(
                "SELECT line, event_id FROM import_event WHERE import_id = ? ORDER BY line",
                (row, index) -> new ImportStatus.RecordedRow(row.getInt(1), row.getString(2)), id);
        return Optional.of(new ImportStatus(status.id(), status.kind(), status.target(), status.state(),
                status.rowsInAll(), status.rowsDone(), status.recordedBy(), status.startedAt(), status.finishedAt(),
                null, status.problems(), recorded));
    }

    private Optional<ImportStatus> byFingerprint(String fingerprint) {
        return jdbc.queryForList("SELECT import_id FROM import_run WHERE fingerprint = ?", String.class, fingerprint)
                .stream().findFirst().flatMap(this::status);
    }

    /**
     * Sends the rows in {@link #LANES} lanes, each party's rows in one lane and in file order, so that independent
     * parties are recorded side by side while each party's decisions keep their order. The first refusal stops
     * every lane.
     */
    private void record(String id, List<LineCommand> rows, String recordedBy) {
        long started = System.nanoTime();
        Map<Integer, List<LineCommand>> lanes = new TreeMap<>();
        for (LineCommand row : rows) {
            lanes.computeIfAbsent(Math.floorMod(party(row.command()).hashCode(), LANES), lane -> new ArrayList<>())
                    .add(row);
        }
        List<Recorded> recorded = Collections.synchronizedList(new ArrayList<>(rows.size()));
        AtomicLong order = new AtomicLong();
        AtomicReference<RowProblem> refusal = new AtomicReference<>();
        ExecutorService senders = Executors.newFixedThreadPool(lanes.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<LineCommand> lane : lanes.values()) {
                running.add(senders.submit(() -> {
                    for (LineCommand row : lane) {
                        if (refusal.get() != null) {
                            return;
                        }
                        try {
                            String eventId = send(row, recordedBy);
                            recorded.add(new Recorded(order.incrementAndGet(), row.line(), eventId));
                        } catch (RuntimeException refused) {
                            refusal.compareAndSet(null, problem(row.line(), refused));
                            return;
                        }
                        int done = recorded.size();
                        if (done % PROGRESS_EVERY == 0) {
                            jdbc.update("UPDATE import_run SET rows_done = ? WHERE import_id = ?", done, id);
                        }
                    }
                }));
            }
            for (Future<?> lane : running) {
                lane.get();
            }
        } catch (InterruptedException | ExecutionException | RuntimeException broken) {
            refusal.compareAndSet(null, new RowProblem(0, null, "import-recorded", String.valueOf(broken)));
        } finally {
            senders.shutdownNow();
        }
        if (refusal.get() == null) {
            List<Object[]> byLine = recorded.stream().sorted(Comparator.comparingInt(Recorded::line))
                    .map(row -> new Object[] {id, row.line(), row.eventId()}).toList();
            ownTransaction.executeWithoutResult(transaction -> {
                jdbc.batchUpdate("INSERT INTO import_event (import_id, line, event_id) VALUES (?, ?, ?)", byLine);
                jdbc.update("UPDATE import_run SET state = 'DONE', rows_done = ?, finished_at = ? WHERE import_id = ?",
                        rows.size(), now(), id);
            });
            LOG.info("Import {} recorded {} rows in {} ms", id, rows.size(), (System.nanoTime() - started) / 1_000_000);
            return;
        }
        RowProblem problem = refusal.get();
        LOG.warn("Import {} refused at line {} ({}); retracting the {} rows recorded before it", id, problem.line(),
                problem.rule(), recorded.size());
        List<Recorded> newestFirst = recorded.stream().sorted(Comparator.comparingLong(Recorded::order).reversed())
                .toList();
        retract(id, newestFirst, recordedBy, problem);
        jdbc.update("UPDATE import_run SET state = 'FAILED', fingerprint = NULL, rows_done = 0, finished_at = ?,"
                + " failure = ? WHERE import_id = ?", now(), write(List.of(problem)), id);
    }

    /** One recorded row, numbered in the order it was recorded. */
    private record Recorded(long order, int line, String eventId) {
    }

    /** The party whose decisions must keep their order: a participation, or a company's share register. */
    private static String party(Object command) {
        if (command instanceof ParticipationCommand participation) {
            return participation.programmeId() + ":" + participation.number();
        } else if (command instanceof IssueShares issue) {
            return issue.companyId();
        }
        return command.getClass().getName();
    }

    /** Undoes a partly recorded import: each recorded row retracted, the newest first, so none depends on another. */
    private void retract(String id, List<Recorded> newestFirst, String recordedBy, RowProblem problem) {
        String reason = "import " + id + " refused at line " + problem.line() + " (" + problem.rule()
                + "): the whole file is withdrawn";
        for (Recorded row : newestFirst) {
            String eventId = row.eventId();
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                                new RetractDecision(eventId, reason, LocalDate.now(clock.withZone(NORWAY))))
                        .andMetaData(Map.of(AxonConfiguration.RECORDED_BY, recordedBy)));
            } catch (RuntimeException stuck) {
                LOG.error("Import {}: could not retract event {}", id, eventId, stuck);
            }
        }
    }

    private String send(LineCommand row, String recordedBy) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(row.command())
                .andMetaData(Map.of(AxonConfiguration.RECORDED_BY, recordedBy)));
    }

    private static RowProblem problem(int line, Throwable refused) {
        Throwable cause = refused;
        while (cause instanceof CommandExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuleViolation violation) {
            return new RowProblem(line, violation.field(), violation.rule(), violation.getMessage());
        }
        if (cause instanceof ConcurrencyException) {
            return new RowProblem(line, null, "one-decision-at-a-time",
                    "another decision on the same party was recorded at the same moment");
        }
        return new RowProblem(line, null, "command-refused", String.valueOf(cause.getMessage()));
    }

    private String write(List<RowProblem> problems) {
        try {
            String text = json.writeValueAsString(problems);
            return text.length() > 4000 ? text.substring(0, 4000) : text;
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException(unwritable);
        }
    }

    private List<RowProblem> problems(String text) {
        if (text == null) {
            return null;
        }
        try {
            return List.of(json.readValue(text, RowProblem[].class));
        } catch (JsonProcessingException unreadable) {
            return List.of(new RowProblem(0, null, "import-recorded", text));
        }
    }

    private OffsetDateTime now() {
        return TimeBounds.utc(Instant.now(clock));
    }

    static String fingerprint(ImportKind kind, String target, String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
            sha256.update((kind.kindName() + "\n" + target + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(body.replace("\r\n", "\n")
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public void destroy() {
        recorder.shutdownNow();
    }
}
