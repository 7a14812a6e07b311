package no.ledger.api.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import no.ledger.api.benchmark.SyntheticHistory;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.projection.ProjectionReplay;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import no.ledger.projections.ProcessingGroups;
import no.ledger.projections.rebuild.ReadModelCopy;
import no.ledger.projections.rebuild.ReadModelTable;
import no.ledger.projections.rebuild.ReadModelTables;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A rebuild gives, table by table and row by row, what the live processors build, also when decisions are
 * recorded while it runs; the ledger answers throughout, with the same answers before and after.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// A service and database of its own: its history and its rebuilds would otherwise change what other tests see.
@TestPropertySource(properties = "ledger.test.context=rebuild")
class ReadModelRebuildTest extends LedgerIntegrationTest {

    @Autowired
    private CommandGateway commands;
    @Autowired
    private ProjectionProgress progress;
    @Autowired
    private ProjectionReplay replay;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ReadModelRebuilds rebuilds;

    private static boolean recorded;

    private SyntheticHistory history(String prefix, long seed) {
        return new SyntheticHistory(command -> commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of("recordedBy", "rebuild-test"))), seed, prefix);
    }

    private void recordHistory() {
        if (!recorded) {
            SyntheticHistory history = history("rebuilt", 5);
            history.countPopulations(0, 1, 2);
            history.recordProgrammesUntil(2_000);
            recorded = true;
        }
        progress.awaitCaughtUp(Duration.ofMinutes(2));
    }

    @Test
    @Order(0)
    void aRebuildsTablesHaveTheColumnsKeysAndIndexesOfTheLiveOnes() throws Exception {
        new ReadModelCopy(jdbc.getDataSource(), "_check").createTables();
        try {
            for (ReadModelTable table : ReadModelTables.ALL) {
                assertThat(columns(table.copy("_check"))).as(table.name()).isEqualTo(columns(table.name()));
            }
            new ReadModelCopy(jdbc.getDataSource(), "_check").indexAndAnalyze();
            for (ReadModelTable table : ReadModelTables.ALL) {
                assertThat(indexes(table.copy("_check"))).as(table.name()).isEqualTo(indexes(table.name()))
                        .isNotEmpty();
            }
        } finally {
            new ReadModelCopy(jdbc.getDataSource(), "_check").dropTables();
        }
    }

    /** Each index of the table as its columns in order, "unique" for a unique one (the primary key's among them). */
    private Set<String> indexes(String table) throws SQLException {
        Map<String, SortedMap<Integer, String>> columnsByIndex = new HashMap<>();
        Map<String, Boolean> unique = new HashMap<>();
        try (Connection connection = jdbc.getDataSource().getConnection();
             ResultSet rows = connection.getMetaData().getIndexInfo(null, connection.getSchema(), table,
                     false, false)) {
            while (rows.next()) {
                String index = rows.getString("INDEX_NAME");
                if (index == null || rows.getString("COLUMN_NAME") == null) {
                    continue;
                }
                columnsByIndex.computeIfAbsent(index, ignored -> new TreeMap<>())
                        .put(rows.getInt("ORDINAL_POSITION"), rows.getString("COLUMN_NAME").toLowerCase());
                unique.put(index, !rows.getBoolean("NON_UNIQUE"));
            }
        }
        Set<String> indexes = new TreeSet<>();
        columnsByIndex.forEach((index, columns) -> indexes.add((unique.get(index) ? "unique " : "")
                + String.join(", ", columns.values())));
        return indexes;
    }

    private List<String> columns(String table) {
        return jdbc.query("SELECT column_name, data_type, is_nullable, numeric_precision, numeric_scale,"
                        + " character_maximum_length, collation_name FROM information_schema.columns"
                        + " WHERE LOWER(table_name) = ? AND table_schema = CURRENT_SCHEMA ORDER BY column_name",
                (row, index) -> row.getString(1) + " " + row.getString(2) + " " + row.getString(3) + " "
                        + row.getObject(4) + " " + row.getObject(5) + " " + row.getObject(6) + " "
                        + row.getObject(7), table);
    }

    @Test
    @Order(1)
    void aRebuildGivesEveryTableAsTheLiveProcessorsBuiltIt() {
        recordHistory();
        Map<String, List<String>> live = tables();
        assertThat(live.get("history_entry")).hasSizeGreaterThan(2_000);
        assertThat(live.get("share_movement")).isNotEmpty();
        assertThat(live.get("participation_decision").stream().filter(row -> !row.endsWith("|null")))
                .as("retracted decisions").isNotEmpty();

        RebuildStatus done = rebuildAndWait();

        assertThat(done.eventsDone()).isGreaterThanOrEqualTo(done.eventsInAll());
        assertSameRows(tables(), live);
        assertThat(leftoverTables()).isEmpty();
    }

    @Test
    @Order(2)
    void decisionsRecordedWhileItRunsAreFoldedInAndReadsAnswerThroughout() throws Exception {
        recordHistory();
        Instant knownAt = Instant.now();
        String programme = jdbc.queryForObject("SELECT MIN(programme_id) FROM programme_view"
                + " WHERE programme_id LIKE 'rebuilt-%'", String.class);
        List<String> paths = List.of("/api/programmes/" + programme + "/coverage?asOf=2024-07-01&knownAt=" + knownAt,
                "/api/programmes/" + programme + "/participants?asOf=2024-07-01&knownAt=" + knownAt);
        Map<String, String> before = new LinkedHashMap<>();
        LedgerClient auditor = ledger.as(TestUsers.AUDITOR);
        for (String path : paths) {
            before.put(path, auditor.get(path).body().toString());
        }

        AtomicBoolean running = new AtomicBoolean(true);
        List<String> wrongAnswers = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (running.get()) {
                for (String path : paths) {
                    LedgerClient.Answer answer = auditor.get(path);
                    reads.incrementAndGet();
                    if (answer.status() != 200 || !answer.body().toString().equals(before.get(path))) {
                        wrongAnswers.add(path + " answered " + answer.status() + " " + answer.body());
                    }
                }
            }
        });
        SyntheticHistory more = history("during-rebuild", 9);
        Thread writer = new Thread(() -> more.recordProgrammesUntil(1_000));
        reader.start();
        writer.start();
        while (more.recorded() < 100) {
            Thread.sleep(10);
        }
        RebuildStatus done = rebuildAndWait();
        writer.join();
        running.set(false);
        reader.join();

        assertThat(done.state()).isEqualTo("DONE");
        assertThat(wrongAnswers).isEmpty();
        assertThat(reads.get()).isGreaterThan(0);
        progress.awaitCaughtUp(Duration.ofMinutes(2));
        Map<String, List<String>> rebuilt = tables();

        // Axon's own replay, event by event through the live projections, is the reference.
        replay.replayAll(Duration.ofMinutes(5));
        assertSameRows(rebuilt, tables());
        assertThat(rebuilt.get("programme_view").stream().filter(row -> row.startsWith("during-rebuild")))
                .isNotEmpty();
    }

    @Test
    @Order(3)
    void onlyOneRebuildRunsAtATimeAndOnlyOperatorsStartOne() {
        ReadModelRebuilds.Claim elsewhere = rebuilds.claim("another-operator", "another-instance");
        try {
            LedgerClient.Answer refused = ledger.as(TestUsers.OPERATOR).post("/api/admin/read-models/rebuild", "");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("rule").asText()).isEqualTo("rebuild-in-progress");
        } finally {
            rebuilds.failed(elsewhere.rebuildId(), "test");
        }
        assertThat(ledger.as(TestUsers.RECORDER).post("/api/admin/read-models/rebuild", "").status())
                .isEqualTo(403);
        assertThat(ledger.anonymous().get("/api/admin/read-models/rebuild").status()).isEqualTo(401);
        assertThat(ledger.as(TestUsers.OPERATOR).get("/api/admin/read-models/rebuild/999999").status())
                .isEqualTo(404);
    }

    @Test
    @Order(4)
    void aCountOnlyTheRebuildFoldedInShowsAfterTheSwitch() {
        recordHistory();
        LedgerClient auditor = ledger.as(TestUsers.AUDITOR);
        String bergen = "/api/programmes/akson/participants/4601?asOf=2031-01-01";
        long before = auditor.get(bergen).body().path("population").asLong();
        assertThat(before).isPositive();

        // Recorded while the processor is stopped: only the rebuild folds the count in, and the processor goes on
        // after it; each instance's copy of the populations in memory must still learn of it.
        StreamingEventProcessor participants = progress.processors().get(ProcessingGroups.PARTICIPANTS);
        participants.shutDown();
        try {
            assertThat(ledger.as(TestUsers.REGISTRAR).post("/api/municipalities/4601/population",
                    Map.of("population", before + 1_234, "countedOn", "2030-01-01")).status()).isEqualTo(201);
            rebuildAndWait();
        } finally {
            participants.start();
        }
        assertThat(auditor.get(bergen).body().path("population").asLong()).isEqualTo(before + 1_234);
    }

    private RebuildStatus rebuildAndWait() {
        LedgerClient operator = ledger.as(TestUsers.OPERATOR);
        LedgerClient.Answer started = operator.post("/api/admin/read-models/rebuild", "");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String location = started.header("Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            LedgerClient.Answer status = operator.get(location);
            assertThat(status.status()).isEqualTo(200);
            String state = status.body().get("state").asText();
            if (!state.equals("RUNNING")) {
                assertThat(state).as(status.body().toString()).isEqualTo("DONE");
                return new RebuildStatus(status.body().get("rebuildId").asLong(), state,
                        status.body().get("phase").asText(), null, null, null, null,
                        status.body().get("eventsDone").asLong(), status.body().get("eventsInAll").asLong(), null,
                        null, null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException(interrupted);
            }
        }
        throw new AssertionError("the rebuild did not end within 3 minutes");
    }

    private static void assertSameRows(Map<String, List<String>> actual, Map<String, List<String>> expected) {
        for (String table : expected.keySet()) {
            List<String> missing = new ArrayList<>(expected.get(table));
            missing.removeAll(actual.get(table));
            List<String> extra = new ArrayList<>(actual.get(table));
            extra.removeAll(expected.get(table));
            assertThat(missing).as(table + ": rows missing").hasSizeLessThan(1);
            assertThat(extra).as(table + ": rows not expected").hasSizeLessThan(1);
            assertThat(actual.get(table)).as(table).hasSameSizeAs(expected.get(table));
        }
    }

    /** Every read model table's rows (all columns but the row id, which only numbers rows), sorted. */
    private Map<String, List<String>> tables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (ReadModelTable table : ReadModelTables.ALL) {
            List<String> rows = jdbc.query("SELECT * FROM " + table.name(), (row, index) -> {
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    if (!row.getMetaData().getColumnName(column).equalsIgnoreCase("row_id")) {
                        Object value = row.getObject(column);
                        values.add(value instanceof java.math.BigDecimal decimal
                                ? decimal.stripTrailingZeros().toPlainString() : String.valueOf(value));
                    }
                }
                return String.join("|", values);
            });
            Collections.sort(rows);
            tables.put(table.name(), rows);
        }
        return tables;
    }

    private List<String> leftoverTables() {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA",
                        String.class).stream()
                .filter(name -> ReadModelTables.ALL.stream().anyMatch(table -> name.toLowerCase()
                        .matches(table.name() + "_(r|old)[0-9]+")))
                .collect(Collectors.toList());
    }
}
