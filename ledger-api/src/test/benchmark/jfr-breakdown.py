#!/usr/bin/env python3
"""Where a flight recording of RecordingBenchmark's REST phase spent its time.

    jfr print --events jdk.ExecutionSample,jdk.SocketRead --stack-depth 256 phase.jfr > phase.txt
    python3 ledger-api/src/test/benchmark/jfr-breakdown.py phase.txt

CPU: execution samples (of a JDK flight recording: Java threads running Java code; of async-profiler, which
RecordingBenchmark's -Dbenchmark.asyncProfiler writes in the same format: every thread, native frames included),
first by thread group, then by what the stack is doing: the first operation that any frame is in (most specific
first), else the layer of the innermost frame that has one. Waiting on the database: socket reads with their
durations (the JDK's recording has every one), by the same rules.
"""
import re
import sys
from collections import Counter, defaultdict

THREADS = [
    ("request threads (Tomcat)", re.compile(r"^http-nio")),
    ("event processors", re.compile(r"^EventProcessor")),
    ("event store producer", re.compile(r"EmbeddedEventStore")),
    ("verifiable log (tree-sequencer)", re.compile(r"^tree-")),
    ("benchmark's HTTP clients", re.compile(r"^(HttpClient|pool-|benchmark-client)")),
    # async-profiler samples the JVM's own threads too; a JDK flight recording does not
    ("JIT compiler", re.compile(r"Compiler")),
    ("garbage collector", re.compile(r"^(G1|GC |VM Thread)")),
]

# What a stack is doing: the first of these operations that any of its frames is in, most specific first ...
OPERATIONS = [
    ("idempotency (Idempotency-Key)", r"IdempotencyFilter\.doFilterInternal|IdempotencyKeys\."),
    ("directory lookups", r"EventStoreLedgerDirectory"),
    ("aggregate loading: snapshot read", r"readSnapshot"),
    ("aggregate loading: cache check", r"CheckedAggregateCache"),
    ("aggregate loading: events read and replayed", r"EventSourcingRepository\.doLoadWithLock|"
                                                     r"EventSourcedAggregate\.initializeState"),
    ("token store", r"tokenstore|TokenStore"),
    ("event append", r"appendEvents|storeEvents"),
    ("read model handlers", r"no\.ledger\.projections"),
    ("commit: H2 writes a chunk of its file", r"org\.h2\.mvstore\.MVStore\.(store|storeNow)\("),
    ("commit", r"\.commit\(|doCommit|processBeforeCommit|afterCommit"),
    ("transaction begin/connection", r"doBegin|HikariPool|getConnection"),
    ("command handler (rules)", r"no\.ledger\.core"),
    ("password check (bcrypt)", r"BCrypt"),
    ("JSON body read/written (Jackson)", r"AbstractJackson2HttpMessageConverter"),
    ("bean validation", r"hibernate\.validator"),
]
# ... else the layer of the innermost frame that belongs to one of these (they wrap everything below them).
LAYERS = [
    ("JSON (Jackson)", r"com\.fasterxml\.jackson"),
    ("metrics (Micrometer)", r"micrometer|no\.ledger\.api\.metrics"),
    ("security (Spring Security)", r"springframework\.security|no\.ledger\.api\.security"),
    ("logging", r"ch\.qos\.logback|org\.slf4j"),
    ("JDBC driver / database", r"org\.postgresql|org\.h2|com\.zaxxer"),
    ("Axon messaging (bus, unit of work, interceptors)", r"org\.axonframework"),
    ("the ledger's own web code", r"no\.ledger\.api"),
    ("Spring MVC", r"springframework\.web"),
    ("Tomcat / HTTP", r"org\.apache\.(catalina|coyote|tomcat)"),
    ("Spring core/AOP", r"org\.springframework"),
    ("JDK", r"^(java|jdk|sun)\."),
]
OPERATIONS = [(name, re.compile(pattern)) for name, pattern in OPERATIONS]
LAYERS = [(name, re.compile(pattern)) for name, pattern in LAYERS]


def events(path):
    kind = thread = None
    duration = 0.0
    frames = []
    in_stack = False
    with open(path, encoding="utf-8", errors="replace") as text:
        for line in text:
            stripped = line.strip()
            if not line.startswith(" ") and stripped.endswith("{"):
                kind, thread, duration, frames, in_stack = stripped[:-1].strip(), "", 0.0, [], False
            elif stripped.startswith("sampledThread = ") or stripped.startswith("eventThread = "):
                match = re.search(r'"([^"]*)"', stripped)
                thread = match.group(1) if match else ""
            elif stripped.startswith("duration = "):
                duration = parse_duration(stripped[len("duration = "):])
            elif stripped.startswith("stackTrace = ["):
                in_stack = True
            elif in_stack and stripped == "]":
                in_stack = False
            elif in_stack:
                frames.append(stripped)
            elif stripped == "}" and not line.startswith("  ") and kind:
                yield kind, thread, duration, frames
                kind = None


def parse_duration(value):
    number, _, unit = value.partition(" ")
    number = float(number.replace(",", ""))
    return number * {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1000.0}.get(unit.strip(), 1.0)


def group(thread):
    for name, pattern in THREADS:
        if pattern.search(thread):
            return name
    return "other threads"


def category(frames):
    for name, pattern in OPERATIONS:
        if any(pattern.search(frame) for frame in frames):
            return name
    for frame in frames:
        for name, pattern in LAYERS:
            if pattern.search(frame):
                return name
    return "other"


def main(path):
    samples = Counter()
    by_category = defaultdict(Counter)
    waits = defaultdict(Counter)
    wait_counts = Counter()
    for kind, thread, duration, frames in events(path):
        if kind == "jdk.ExecutionSample":
            samples[group(thread)] += 1
            by_category[group(thread)][category(frames)] += 1
        elif kind == "jdk.SocketRead":
            waits[group(thread)][category(frames)] += duration
            wait_counts[group(thread)] += 1
    total = sum(samples.values())
    print(f"CPU samples: {total}")
    for name, count in samples.most_common():
        print(f"  {name}: {count} ({100 * count / total:.1f} %)")
        for what, inner in by_category[name].most_common(12):
            print(f"      {what}: {inner} ({100 * inner / total:.1f} % of all, {100 * inner / count:.1f} % here)")
    if waits:
        print("Socket reads (waiting on the database or the peer), ms in all:")
        for name in waits:
            spent = sum(waits[name].values())
            print(f"  {name}: {spent:.0f} ms in {wait_counts[name]} reads")
            for what, ms in waits[name].most_common(10):
                print(f"      {what}: {ms:.0f} ms ({100 * ms / spent:.1f} %)")


if __name__ == "__main__":
    main(sys.argv[1])
