package no.ledger.api.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The page at {@code /} in a real, headless Chromium (Debian's {@code chromium} and {@code chromium-driver}),
 * against the service on its port: Akson on the deadline, another date, the participants filtered and downloaded,
 * a municipality's story with a retraction, the company's owners, and English. Screenshots of each view go to
 * {@code target/page-screenshots/}; axe-core (from npm, see {@code .ci/tools}) checks WCAG 2.1 AA on each view.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// A context of its own: it records Akson's declarations, which other tests of the shared context also record.
@TestPropertySource(properties = "ledger.test.context=browser")
class PageBrowserTest extends LedgerIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE = Path.of(System.getProperty("ledger.test.axe",
            "../.ci/tools/node_modules/axe-core/axe.min.js"));
    private static final Path SCREENSHOTS = Path.of("target", "page-screenshots");
    private static final String RETRACTION_REASON = "Registrert på feil kommune";

    @LocalServerPort
    private int port;
    @Autowired
    private ProjectionProgress progress;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path downloads;
    private BigDecimal shareOnDeadline;

    @BeforeAll
    void recordAStoryAndStartTheBrowser() throws IOException {
        assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromium-driver (.ci/run installs them)").isTrue();
        LedgerClient client = new LedgerClient(port);
        progress.awaitCaughtUp(Duration.ofSeconds(120));
        recordDeclarationsOfTheBiggestMunicipalities(client);
        progress.awaitCaughtUp(Duration.ofSeconds(120));
        shareOnDeadline = client.get("/api/programmes/akson/coverage?asOf=2020-07-01").body()
                .path("declarations").path("share").decimalValue();

        downloads = Files.createTempDirectory("ledger-page-downloads");
        Files.createDirectories(SCREENSHOTS);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1400", "--lang=nb-NO",
                "--user-data-dir=" + Files.createTempDirectory("ledger-chromium"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /**
     * Signs for the biggest municipalities, one every few days through May and June, until more than 56 % of
     * Akson's population has signed by the deadline; Tromsø signs after an extension, and Bodø's signature is
     * retracted as recorded for the wrong municipality.
     */
    private void recordDeclarationsOfTheBiggestMunicipalities(LedgerClient client) {
        LedgerClient recorder = client.as(TestUsers.RECORDER);
        JsonNode participants = client.get("/api/programmes/akson/participants?asOf=2020-07-01").body();
        long scope = 0;
        List<JsonNode> rows = new ArrayList<>();
        participants.path("participants").forEach(rows::add);
        for (JsonNode row : rows) {
            scope += row.path("population").asLong();
        }
        rows.sort(Comparator.comparingLong((JsonNode row) -> row.path("population").asLong()).reversed());
        long signed = 0;
        LocalDate on = LocalDate.of(2020, 5, 4);
        for (JsonNode row : rows) {
            String number = row.path("number").asText();
            if (number.equals("5401") || number.equals("1804")) {
                continue;
            }
            if (signed * 100 > scope * 56L) {
                break;
            }
            created(recorder.post("/api/programmes/akson/participants/" + number + "/declaration", Map.of(
                    "signedOn", on.toString(), "decisionReference", "PS " + number + "/20", "signatory",
                    "ordfører")));
            signed += row.path("population").asLong();
            on = on.plusDays(3).isAfter(LocalDate.of(2020, 6, 30)) ? LocalDate.of(2020, 6, 30) : on.plusDays(3);
        }
        created(recorder.post("/api/programmes/akson/participants/5401/extension", Map.of("grantedOn",
                "2020-06-29", "newDeadline", "2020-07-07", "reason", "kommunestyret møtes 6. juli")));
        created(recorder.post("/api/programmes/akson/participants/5401/declaration", Map.of("signedOn",
                "2020-07-06", "decisionReference", "KS 61/20", "signatory", "ordfører")));
        String mistaken = created(recorder.post("/api/programmes/akson/participants/1804/declaration", Map.of(
                "signedOn", "2020-06-12", "decisionReference", "PS 33/20", "signatory", "ordfører")));
        created(client.as(TestUsers.REGISTRAR).post("/api/events/" + mistaken + "/retraction", Map.of("reason",
                RETRACTION_REASON, "retractedOn", "2020-06-20")));
        created(client.post("/api/companies", Map.of("id", "akson-journal", "name", "Akson journal AS",
                "foundedOn", "2021-07-01")));
        for (Map.Entry<String, Integer> owner : Map.of("0301", 500, "4601", 200, "KS", 150, "STATE", 150)
                .entrySet()) {
            created(recorder.post("/api/companies/akson-journal/share-issues", Map.of("owner", owner.getKey(),
                    "shares", owner.getValue(), "issuedOn", "2021-07-01")));
        }
    }

    private static String created(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.eventId();
    }

    @AfterAll
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPersonReadsTheLedgerInTheBrowser() throws IOException {
        // Akson on the deadline: the share the steering group saw, and the threshold line.
        browser.get("http://localhost:" + port + "/?programme=akson&asOf=2020-07-01");
        String onDeadline = wait.until(page -> shownShare(page, "declarations"));
        String expected = shareOnDeadline.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString()
                .replace(".", "");
        assertThat(shareOnDeadline).isBetween(new BigDecimal("0.56"), new BigDecimal("0.58"));
        assertThat(onDeadline.replaceAll("\\D", "")).isEqualTo(expected);
        assertThat(browser.findElements(By.cssSelector("#chart line.threshold[data-threshold='0.5']"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#chart svg")).getText()).contains("50 %");
        assertThat(browser.findElement(By.cssSelector("#firstMet li[data-threshold='declaration'] strong"))
                .getText()).containsPattern("\\d+\\. juni 2020");
        assertThat(browser.findElements(By.cssSelector("#chart line.extension"))).hasSize(1);
        screenshot("programme");
        assertAccessible("programme");

        // Another date: fewer had signed a month before the deadline.
        setDate("asOf", "2020-06-01");
        wait.until(page -> {
            String shown = shownShare(page, "declarations");
            return shown != null && !shown.equals(onDeadline);
        });
        assertThat(browser.getCurrentUrl()).contains("asOf=2020-06-01");
        setDate("asOf", "2020-07-01");
        wait.until(page -> onDeadline.equals(shownShare(page, "declarations")));

        // Participants: who had signed, searched, and downloaded as shown.
        browser.findElement(By.cssSelector("nav.views a[data-view='participants']")).click();
        wait.until(page -> !page.findElements(By.cssSelector("#participants tbody tr")).isEmpty());
        new Select(browser.findElement(By.id("declaration"))).selectByValue("SIGNED");
        wait.until(page -> page.getCurrentUrl().contains("declaration=SIGNED")
                && page.findElements(By.cssSelector("#participants .badge.NOT_SIGNED")).isEmpty());
        int signedRows = browser.findElements(By.cssSelector("#participants tbody tr")).size();
        assertThat(signedRows).isGreaterThan(5);
        browser.findElement(By.cssSelector("#participants th button[data-sort='population']")).click();
        wait.until(page -> page.getCurrentUrl().contains("sort=population"));
        browser.findElement(By.id("q")).sendKeys("oslo");
        wait.until(page -> page.findElements(By.cssSelector("#participants tbody tr")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#participants tbody tr")).getText()).contains("0301");
        browser.findElement(By.id("q")).clear();
        browser.findElement(By.id("q")).sendKeys(" ");
        wait.until(page -> page.findElements(By.cssSelector("#participants tbody tr")).size() == signedRows);
        screenshot("participants");
        assertAccessible("participants");
        browser.findElement(By.id("participantsCsv")).click();
        Path csv = awaitDownload("participants-akson-2020-07-01.csv");
        String content = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(content).startsWith("\uFEFFnumber;name;county;");
        assertThat(content.split("\r\n")).hasSize(signedRows + 1);
        assertThat(content).contains("0301;Oslo;Oslo;SOR_OST;").doesNotContain("NOT_SIGNED");

        // A municipality's story: it needs an auditor, then shows the retraction beside the signature it mended.
        browser.get("http://localhost:" + port + "/?view=municipality&programme=akson&asOf=2020-07-01&number=1804");
        wait.until(page -> page.findElement(By.id("signIn")).isDisplayed());
        assertThat(browser.findElement(By.id("signInMessage")).getText()).contains("AUDITOR");
        browser.findElement(By.id("user")).sendKeys(TestUsers.AUDITOR);
        browser.findElement(By.id("password")).sendKeys(TestUsers.password(TestUsers.AUDITOR));
        browser.findElement(By.cssSelector("#signInForm button[type='submit']")).click();
        WebElement mended = wait.until(page -> page.findElements(By.cssSelector("#story li.retracted .mended"))
                .stream().findFirst().orElse(null));
        assertThat(mended.getText()).contains(RETRACTION_REASON);
        assertThat(browser.findElement(By.cssSelector("#story li.retraction")).getText())
                .contains(RETRACTION_REASON).contains(TestUsers.REGISTRAR);
        screenshot("municipality");
        assertAccessible("municipality");

        // The company: municipalities hold the majority.
        // (A link with the date in it: the company was founded after 1 July 2020, and a 404 would be a console error.)
        browser.get("http://localhost:" + port + "/?view=company&company=akson-journal&asOf=2021-08-01");
        WebElement majority = wait.until(page -> page.findElements(By.cssSelector("#ownership .majority")).stream()
                .findFirst().orElse(null));
        assertThat(majority.getAttribute("data-majority")).isEqualTo("true");
        screenshot("company");
        assertAccessible("company");

        // English.
        browser.get("http://localhost:" + port + "/?programme=akson&asOf=2020-07-01");
        wait.until(page -> shownShare(page, "declarations"));
        browser.findElement(By.id("language")).click();
        wait.until(page -> "Commitment ledger".equals(page.findElement(By.cssSelector("header h1")).getText()));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.getCurrentUrl()).contains("lang=en");
        wait.until(page -> page.findElement(By.cssSelector("#firstMet li strong")).getText().contains("June 2020"));
        screenshot("programme-en");
        assertAccessible("programme in English");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("console errors").isEmpty();
    }

    /** The share a card shows, or null while there is none; read in the page, as the cards are redrawn. */
    private static String shownShare(WebDriver page, String count) {
        Object text = ((JavascriptExecutor) page).executeScript("const share = document.querySelector("
                + "\".card[data-count='\" + arguments[0] + \"'] .share\"); return share ? share.textContent : null;", count);
        return text == null || text.toString().isBlank() ? null : text.toString();
    }

    /** Date inputs take typed dates in the browser's own format; setting the value is the same for all. */
    private void setDate(String id, String date) {
        ((JavascriptExecutor) browser).executeScript("const input = document.getElementById(arguments[0]);"
                + " input.value = arguments[1]; input.dispatchEvent(new Event('change', {bubbles: true}));", id, date);
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private Path awaitDownload(String name) {
        Path file = downloads.resolve(name);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(page -> Files.isRegularFile(file)
                && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    /** axe-core's WCAG 2.1 A and AA rules on the view as shown. */
    private void assertAccessible(String view) throws IOException {
        if (!Files.isRegularFile(AXE)) {
            System.out.println("[page] axe-core not found at " + AXE.toAbsolutePath()
                    + " (npm ci --prefix .ci/tools): accessibility not checked");
            return;
        }
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript(Files.readString(AXE, StandardCharsets.UTF_8));
        Object violations = script.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(result => done(JSON.stringify(result.violations.map(v => ({id: v.id, help: v.help,"
                + " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))))"
                + ".catch(error => done('axe failed: ' + error));");
        assertThat(String.valueOf(violations)).as("WCAG violations on " + view).isEqualTo("[]");
    }

}
