package no.ledger.api.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import no.ledger.core.company.FoundCompany;
import no.ledger.core.company.IssueShares;
import no.ledger.core.company.TransferShares;
import no.ledger.core.municipality.RecordPopulationCount;
import no.ledger.core.participation.EnterCommitmentAgreement;
import no.ledger.core.participation.EnterOptionAgreement;
import no.ledger.core.participation.ExerciseOption;
import no.ledger.core.participation.GrantExtension;
import no.ledger.core.participation.InviteMunicipality;
import no.ledger.core.participation.LetOptionLapse;
import no.ledger.core.participation.SignDeclaration;
import no.ledger.core.participation.WithdrawDeclaration;
import no.ledger.core.programme.DefineProgramme;
import no.ledger.core.programme.Thresholds;
import no.ledger.core.retraction.RetractDecision;
import no.ledger.core.shared.HealthRegion;

/**
 * A synthetic but plausible history over several years: yearly population counts of the 356 municipalities, then
 * programme after programme, each over one to three health regions with a deadline between 2020 and 2025, whose
 * municipalities are invited and sign (or not, some after an extension, some withdrawing later), enter commitments
 * or options (exercised or let lapse), with the odd decision retracted; every twentieth programme founds a company
 * whose shares go to municipalities, KS and the state and change hands. Deterministic for a seed; every command it
 * sends keeps the ledger's rules, so none is refused.
 */
public final class SyntheticHistory {

    record Municipality(String number, HealthRegion region) {
    }

    private static final Thresholds THRESHOLDS = new Thresholds(new BigDecimal("0.5"), new BigDecimal("0.55"),
            new BigDecimal("0.85"));

    private final List<Municipality> municipalities = readMunicipalities();
    private final Function<Object, String> ledger;
    private final long seed;
    private final String programmePrefix;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicInteger nextProgramme = new AtomicInteger();

    /** @param ledger sends a command and answers the id of the event it recorded */
    public SyntheticHistory(Function<Object, String> ledger, long seed) {
        this(ledger, seed, "programme");
    }

    /** @param programmePrefix the start of the programmes' ids, so that two histories can share a ledger */
    public SyntheticHistory(Function<Object, String> ledger, long seed, String programmePrefix) {
        this.ledger = ledger;
        this.seed = seed;
        this.programmePrefix = programmePrefix;
    }

    public long recorded() {
        return recorded.get();
    }

    private String send(Object command) {
        String eventId = ledger.apply(command);
        recorded.incrementAndGet();
        return eventId;
    }

    /** Yearly population counts from 2021 on, for a share of the municipalities (run by each worker). */
    public void countPopulations(int worker, int workers, int years) {
        Random random = new Random(seed + worker);
        for (int index = worker; index < municipalities.size(); index += workers) {
            long population = 1_000 + random.nextInt(60_000);
            for (int year = 2021; year < 2021 + years; year++) {
                population = Math.max(0, population + random.nextInt(2_001) - 1_000);
                send(new RecordPopulationCount(municipalities.get(index).number(), population,
                        LocalDate.of(year, 1, 1), "SSB " + year));
            }
        }
    }

    /** Records programmes until the history has at least the target number of events. */
    public void recordProgrammesUntil(long target) {
        while (recorded.get() < target) {
            int programme = nextProgramme.getAndIncrement();
            recordProgramme(programme, new Random(seed * 31 + programme));
        }
    }

    int programmes() {
        return nextProgramme.get();
    }

    private void recordProgramme(int index, Random random) {
        String programme = String.format("%s-%05d", programmePrefix, index);
        Set<HealthRegion> scope = EnumSet.noneOf(HealthRegion.class);
        int regions = 1 + random.nextInt(3);
        while (scope.size() < regions) {
            scope.add(HealthRegion.values()[random.nextInt(HealthRegion.values().length)]);
        }
        LocalDate deadline = LocalDate.of(2020, 3, 1).plusDays(random.nextInt(365 * 5));
        LocalDate invitedOn = deadline.minusDays(60 + random.nextInt(60));
        send(new DefineProgramme(programme, "Programme " + index, scope.stream().map(Enum::name).toList(),
                deadline, THRESHOLDS, invitedOn.minusDays(7), "synthetic"));
        List<String> participants = new ArrayList<>();
        for (Municipality municipality : municipalities) {
            if (scope.contains(municipality.region())) {
                participants.add(municipality.number());
                recordParticipation(programme, municipality.number(), invitedOn, deadline, random);
            }
        }
        if (index % 20 == 0) {
            recordCompany(programme, participants, deadline.plusMonths(12), random);
        }
    }

    private void recordParticipation(String programme, String number, LocalDate invitedOn, LocalDate deadline,
                                     Random random) {
        String last = send(new InviteMunicipality(programme, number, invitedOn, "invitation " + programme));
        LocalDate day = invitedOn;
        boolean signed = false;
        if (random.nextDouble() < 0.65) {
            day = between(invitedOn, deadline, random);
            last = send(new SignDeclaration(programme, number, day, "PS " + day, "ordfører"));
            signed = true;
        } else if (random.nextDouble() < 0.15) {
            LocalDate extended = deadline.plusDays(6);
            last = send(new GrantExtension(programme, number, deadline.minusDays(2), extended, "council meeting",
                    null));
            if (random.nextDouble() < 0.6) {
                day = between(deadline.minusDays(1), extended, random);
                last = send(new SignDeclaration(programme, number, day, "PS " + day, "ordfører"));
                signed = true;
            }
        }
        if (signed && random.nextDouble() < 0.08) {
            last = send(new WithdrawDeclaration(programme, number, day.plusDays(30 + random.nextInt(270)),
                    "new council", null));
        }
        LocalDate enteredOn = deadline.plusDays(30 + random.nextInt(370));
        double agreement = random.nextDouble();
        if (agreement < 0.35) {
            last = send(new EnterCommitmentAgreement(programme, number, enteredOn, "PS " + enteredOn));
        } else if (agreement < 0.65) {
            LocalDate expiresOn = enteredOn.plusDays(365 + random.nextInt(365));
            last = send(new EnterOptionAgreement(programme, number, enteredOn, "PS " + enteredOn, expiresOn));
            double fate = random.nextDouble();
            if (fate < 0.5) {
                last = send(new ExerciseOption(programme, number, between(enteredOn, expiresOn, random),
                        "PS exercise"));
            } else if (fate < 0.7) {
                last = send(new LetOptionLapse(programme, number, between(enteredOn, expiresOn, random),
                        "not joining", null));
            }
        }
        if (random.nextDouble() < 0.01) {
            send(new RetractDecision(last, "recorded in error", enteredOn.plusDays(400)));
        }
    }

    private void recordCompany(String programme, List<String> participants, LocalDate foundedOn, Random random) {
        String company = programme + "-company";
        send(new FoundCompany(company, "Company of " + programme, foundedOn, "founding assembly"));
        List<String> owners = new ArrayList<>(List.of("KS", "STATE"));
        int municipalOwners = Math.min(participants.size(), 10 + random.nextInt(30));
        for (int owner = 0; owner < municipalOwners; owner++) {
            owners.add(participants.get(random.nextInt(participants.size())));
        }
        List<String> distinctOwners = owners.stream().distinct().toList();
        long[] holdings = new long[distinctOwners.size()];
        for (int owner = 0; owner < distinctOwners.size(); owner++) {
            holdings[owner] = 10 + random.nextInt(200);
            send(new IssueShares(company, distinctOwners.get(owner), holdings[owner], foundedOn, null));
        }
        LocalDate day = foundedOn;
        for (int transfer = 5 + random.nextInt(15); transfer > 0; transfer--) {
            int from = random.nextInt(distinctOwners.size());
            int to = random.nextInt(distinctOwners.size());
            if (from == to || holdings[from] < 2) {
                continue;
            }
            long shares = 1 + random.nextInt((int) Math.min(holdings[from] - 1, 50));
            day = day.plusDays(1 + random.nextInt(60));
            send(new TransferShares(company, distinctOwners.get(from), distinctOwners.get(to), shares, day, null));
            holdings[from] -= shares;
            holdings[to] += shares;
        }
    }

    private static LocalDate between(LocalDate from, LocalDate to, Random random) {
        long days = to.toEpochDay() - from.toEpochDay();
        return days <= 0 ? from : from.plusDays(random.nextLong(days + 1));
    }

    /** Norway's 356 municipalities of 2020 and their health regions, from the reference data. */
    static List<Municipality> readMunicipalities() {
        List<Municipality> municipalities = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                SyntheticHistory.class.getResourceAsStream("/reference-data/kommuner_2020.csv")),
                StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",");
                municipalities.add(new Municipality(cells[0], HealthRegion.valueOf(cells[4])));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return municipalities;
    }
}
