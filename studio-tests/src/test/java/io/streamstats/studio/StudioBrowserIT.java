package io.streamstats.studio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamstats.devkit.PackagedPlatform;
import io.streamstats.devkit.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The creator studio ({@code /studio/} on streaming-service) in headless Chromium, against the packaged user-service,
 * streaming-service and settlement batch on fresh databases. A day is scripted through the HTTP API; every figure the
 * page shows is compared with the API's answer for the same range, read here with java.net.http. The page is served
 * by streaming-service and signs in at user-service on another port, as under ./platform (CORS).
 */
class StudioBrowserIT {

    private static final String ZONE = "Asia/Seoul";
    private static final String PASSWORD = "correct horse";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of(System.getProperty("studio.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("studio.chromedriver", "/usr/bin/chromedriver"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path work;
    private static PackagedPlatform platform;
    private static ServiceProcess users;
    private static ServiceProcess streaming;

    @BeforeAll
    static void startPlatform() {
        // a missing browser fails the tests (never a skip): ./test and .ci/run need both
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: install it (apt-get install -y chromium"
                + " chromium-driver; .ci/run does) or point -Dstudio.chromium at a Chromium binary");
        assertTrue(Files.isExecutable(CHROMEDRIVER), CHROMEDRIVER + " is missing: install it (apt-get install -y"
                + " chromium-driver; .ci/run does) or point -Dstudio.chromedriver at a chromedriver binary");
        int streamingPort = ServiceProcess.freePort();
        // the page's origin (streaming-service) may call login / refresh / logout / me; short-lived access tokens,
        // so the page's refresh before exp happens while the tests run
        Map<String, String> userEnv = Map.of("STUDIO_CORS_ENABLED", "true",
                "STUDIO_ORIGINS", "http://localhost:" + streamingPort, "ACCESS_TOKEN_TTL", "PT75S");
        platform = PackagedPlatform.start(ROOT, work, "studio", ZONE, streamingPort, userEnv, Map.of());
        users = platform.users();
        streaming = platform.streaming();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    private static String studioUrl() {
        return "http://localhost:" + streaming.port() + "/studio/";
    }

    // ---------------------------------------------------------------- the journey

    @Test
    void aCreatorSeesTheAPIsFiguresSortsDownloadsAndSignsOut() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String creatorEmail = "studio-creator-" + run + "@example.com";
        long creatorId = signUp(creatorEmail, "Studio creator", "CREATOR");
        String creator = login(creatorEmail).get("accessToken").asText();
        List<String> viewers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            signUp("studio-viewer" + i + "-" + run + "@example.com", "Viewer " + i, "VIEWER");
            viewers.add(login("studio-viewer" + i + "-" + run + "@example.com").get("accessToken").asText());
        }
        long morning = registerVideo(creator, "Morning run", 900);
        long five = registerVideo(creator, "Five and a second", 301);
        long never = registerVideo(creator, "Not watched yet", 60);

        // the scripted day: three views of 1 s on "Morning run"; one view of "Five and a second" that seeks to 4:59
        // (credited the seconds since the play), then a replay inside 30 s that passes the ad at 5:00 (no view);
        // the viewer's later pauses come 2.5 s after their plays: a viewer's pauses share the time that passed
        for (String viewer : viewers) {
            playAndPause(viewer, morning, 1, 0);
        }
        playAndPause(viewers.get(0), five, 299, 2_500);
        playAndPause(viewers.get(0), five, 301, 2_500);

        WebDriver driver = browser(1280, 900);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get(studioUrl());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
            assertEquals("", driver.findElement(By.id("signin-message")).getText());
            assertFalse(driver.findElement(By.id("studio")).isDisplayed());
            signIn(driver, creatorEmail);
            int loads = awaitLoad(driver, 0);

            // before the batch: nothing settled (the empty state says what to do), today is an estimate
            LocalDate today = LocalDate.parse(api(token(creatorEmail), "/api/stats/today").get("date").asText());
            assertEquals("0", value(driver, "total-views"));
            assertTrue(text(driver, "empty-state").startsWith("No settled days with activity in this range yet"),
                    text(driver, "empty-state"));
            JsonNode live = api(token(creatorEmail), "/api/stats/today");
            WebElement todayFigures = driver.findElement(By.id("today"));
            assertEquals("true", todayFigures.getAttribute("data-estimated"));
            assertEquals(live.get("views").asText(), todayFigures.getAttribute("data-views"));
            assertEquals("4", todayFigures.getAttribute("data-views"));
            assertTrue(todayFigures.getText().contains("estimated"), todayFigures.getText());
            assertEquals("Studio creator", text(driver, "whoami"));
            assertEquals(List.of(), lowContrastText(driver), "before the batch");

            settle(today);

            // last 7 days by day, as a line chart
            new Select(driver.findElement(By.id("range"))).selectByValue("7");
            loads = awaitLoad(driver, loads);
            assertChannelMatchesApi(driver, token(creatorEmail), today.minusDays(6), today, "DAY", "views");
            assertEquals("4", value(driver, "total-views"));
            assertEquals("14", value(driver, "total-revenue"), "3 views at 1 won, 1 view at 1 won and 1 ad at 10 won");
            assertEquals(7, driver.findElements(By.cssSelector("#channel-chart circle[data-bucket]")).size());
            assertFalse(driver.findElement(By.id("empty-state")).isDisplayed());
            assertEquals("false", driver.findElement(By.id("today")).getAttribute("data-estimated"),
                    "the settled day is no estimate any more");
            assertEquals(api(token(creatorEmail), "/api/stats/today").get("views").asText(),
                    driver.findElement(By.id("today")).getAttribute("data-views"));

            // 28 days by week as bars, then revenue
            new Select(driver.findElement(By.id("group"))).selectByValue("WEEK");
            loads = awaitLoad(driver, loads);
            new Select(driver.findElement(By.id("range"))).selectByValue("28");
            loads = awaitLoad(driver, loads);
            new Select(driver.findElement(By.id("chart-type"))).selectByValue("bar");
            assertChannelMatchesApi(driver, token(creatorEmail), today.minusDays(27), today, "WEEK", "views");
            assertTrue(driver.findElements(By.cssSelector("#channel-chart circle[data-bucket]")).isEmpty());
            new Select(driver.findElement(By.id("metric"))).selectByValue("totalAmount");
            assertChannelMatchesApi(driver, token(creatorEmail), today.minusDays(27), today, "WEEK", "totalAmount");

            // this month by day; a custom range of the last two days
            new Select(driver.findElement(By.id("group"))).selectByValue("DAY");
            loads = awaitLoad(driver, loads);
            new Select(driver.findElement(By.id("range"))).selectByValue("month");
            loads = awaitLoad(driver, loads);
            assertEquals(today.toString().substring(0, 7), driver.findElement(By.id("month")).getAttribute("value"));
            assertChannelMatchesApi(driver, token(creatorEmail), today.withDayOfMonth(1), today, "DAY", "totalAmount");
            loads = chooseCustomRange(driver, loads, today.minusDays(1), today);
            new Select(driver.findElement(By.id("metric"))).selectByValue("playSeconds");
            assertChannelMatchesApi(driver, token(creatorEmail), today.minusDays(1), today, "DAY", "playSeconds");
            new Select(driver.findElement(By.id("metric"))).selectByValue("views");
            new Select(driver.findElement(By.id("range"))).selectByValue("7");
            loads = awaitLoad(driver, loads);

            // the videos: the API's ranking figures, a video without any as zeros; sorted by views first
            JsonNode ranking = api(token(creatorEmail), "/api/stats/ranking?from=" + today.minusDays(6) + "&to=" + today
                    + "&by=VIEWS&limit=50");
            Map<Long, Map<String, Long>> expected = new LinkedHashMap<>();
            for (long id : List.of(morning, five, never)) {
                expected.put(id, Map.of("views", 0L, "playSeconds", 0L, "adViews", 0L, "revenue", 0L));
            }
            for (JsonNode item : ranking.get("items")) {
                expected.put(item.get("videoId").asLong(), Map.of("views", item.get("views").asLong(),
                        "playSeconds", item.get("playSeconds").asLong(), "adViews", item.get("adViews").asLong(),
                        "revenue", item.get("totalAmount").asLong()));
            }
            assertEquals(expected, tableFigures(driver), "the table's figures (video id -> figures)");
            assertEquals(List.of(morning, five, never), rowOrder(driver));
            assertEquals(expectedOrder(expected, "views", true), rowOrder(driver), "sorted by views, descending");
            sortButton(driver, "revenue").click();
            assertEquals(List.of(five, morning, never), rowOrder(driver), "revenue 11, 3, 0");
            assertEquals(expectedOrder(expected, "revenue", true), rowOrder(driver), "sorted by revenue, descending");
            assertEquals("descending", sortButton(driver, "revenue").findElement(By.xpath("..")).getAttribute("aria-sort"));
            sortButton(driver, "revenue").click();
            assertEquals(expectedOrder(expected, "revenue", false), rowOrder(driver), "sorted by revenue, ascending");
            assertEquals("ascending", sortButton(driver, "revenue").findElement(By.xpath("..")).getAttribute("aria-sort"));
            // by keyboard: a sort control is a button that Enter activates
            sortButton(driver, "playSeconds").sendKeys(Keys.ENTER);
            assertEquals(expectedOrder(expected, "playSeconds", true), rowOrder(driver), "sorted by play time, descending");
            sortButton(driver, "adViews").sendKeys(Keys.ENTER);
            assertEquals(List.of(five, morning, never), rowOrder(driver), "ad views 1, 0, 0 (ties to the lower id)");

            // a video's chart: its own series for the range
            driver.findElement(By.cssSelector("tr[data-video-id='" + five + "'] td[data-col='title'] button")).click();
            wait.until(d -> String.valueOf(five).equals(d.findElement(By.id("video-chart")).getAttribute("data-video-id")));
            JsonNode videoSeries = api(token(creatorEmail), "/api/stats/videos/" + five + "?from=" + today.minusDays(6) + "&to="
                    + today + "&groupBy=DAY");
            assertEquals(apiMarks(videoSeries, "views"), chartMarks(driver, "video-chart"));

            // the month's statement: its total is the API's, the download is the API's file byte for byte
            JsonNode month = api(token(creatorEmail), "/api/settlements?period=MONTHLY&date=" + today);
            assertEquals(month.get("totalAmount").asText(), value(driver, "statement-total"));
            assertEquals("14", value(driver, "statement-total"));
            HttpResponse<byte[]> csv = get(token(creatorEmail), "/api/settlements/statement?month=" + today.toString().substring(0, 7),
                    "text/csv");
            assertEquals(200, csv.statusCode());
            driver.findElement(By.id("statement-download")).click();
            String fileName = "statement-" + creatorId + "-" + today.toString().substring(0, 7) + ".csv";
            Path downloaded = downloads(driver).resolve(fileName);
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Files.isRegularFile(downloaded)
                    && !Files.exists(downloaded.resolveSibling(fileName + ".crdownload")));
            assertArrayEquals(csv.body(), Files.readAllBytes(downloaded),
                    "the downloaded statement is the API's file:\n" + Files.readString(downloaded));

            // the platform's Top 5 of the month, as the API ranks it
            JsonNode top = api(token(creatorEmail), "/api/stats/top?period=MONTHLY&date=" + today + "&by=VIEWS&scope=ALL");
            List<String> expectedTop = new ArrayList<>();
            top.get("items").forEach(i -> expectedTop.add(i.get("videoId").asText() + ":" + i.get("views").asText()));
            List<String> shownTop = driver.findElements(By.cssSelector("#top5 li[data-video-id]")).stream()
                    .map(li -> li.getAttribute("data-video-id") + ":" + li.getAttribute("data-views")).toList();
            assertEquals(expectedTop, shownTop);
            assertEquals(List.of(morning + ":3", five + ":1"), shownTop);

            // every control has a label and every text reads against its background (WCAG AA); the check refuses
            // seeded pale text of each kind it measures and lets large text pass at 3.5:1 (#888 at 24 px); the
            // charts and figures are in view for the picture
            assertEquals(List.of(), unlabelledControls(driver));
            assertEquals(List.of(), lowContrastText(driver), "the settled page");
            // seeded through the CSSOM: the page's Content-Security-Policy (style-src 'self') refuses style attributes
            // and <style> elements, which the first probe below shows the browser enforcing
            ((JavascriptExecutor) driver).executeScript("""
                    const seeded = document.createElement('div');
                    seeded.id = 'seeded';
                    seeded.innerHTML = '<p id="csp-probe" style="color: rgb(1, 2, 3)">CSP probe</p>'
                        + '<p id="seeded-grey">Seeded grey</p><div id="seeded-fade"><p id="seeded-faded">Seeded faded</p></div>'
                        + '<svg width="200" height="30"><text id="seeded-svg" x="0" y="20" fill="#aaa">Seeded label</text></svg>'
                        + '<p id="seeded-large">Seeded large</p>'
                        + '<input id="seeded-input" aria-label="seeded" placeholder="Seeded" class="seeded-pale">';
                    document.getElementById('videos').after(seeded);
                    document.getElementById('seeded-grey').style.color = '#999';
                    document.getElementById('seeded-fade').style.opacity = '.4';
                    const large = document.getElementById('seeded-large');
                    large.style.fontSize = '24px';
                    large.style.color = '#888';
                    const sheet = [...document.styleSheets].find(s => s.href && s.href.endsWith('/studio/studio.css'));
                    sheet.insertRule('.seeded-pale::placeholder { color: #bbb; }', sheet.cssRules.length);
                    sheet.insertRule('#seeded-large::after { content: " !"; color: #ccc; }', sheet.cssRules.length);
                    """);
            assertNotEquals("rgb(1, 2, 3)", ((JavascriptExecutor) driver).executeScript(
                    "return getComputedStyle(document.getElementById('csp-probe')).color"),
                    "the Content-Security-Policy refuses an injected style attribute");
            ((JavascriptExecutor) driver).executeScript("document.getElementById('csp-probe').remove()");
            assertEquals(List.of("p#seeded-grey \"Seeded grey\": 2.85:1, needs 4.5:1",
                    "p#seeded-faded \"Seeded faded\": 2.50:1, needs 4.5:1",
                    "text#seeded-svg \"Seeded label\": 2.32:1, needs 4.5:1",
                    "p#seeded-large ::after: 1.61:1, needs 3:1",
                    "input#seeded-input placeholder: 1.92:1, needs 4.5:1"), lowContrastText(driver));
            ((JavascriptExecutor) driver).executeScript("document.getElementById('seeded').remove()");
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
            screenshot(driver);

            // a phone-sized screen: the page does not scroll sideways
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            driver.navigate().refresh();
            awaitLoad(driver, 0);
            Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0L, overflow.longValue(), "the page scrolls sideways on a 390 px wide screen");
            assertEquals("4", value(driver, "total-views"), "the tab kept its session over the reload");

            // sign out: the sign-in form with a message, no token left in the tab, the session ended on the server
            String token = sessionToken(driver);
            driver.findElement(By.id("signout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
            assertEquals("You signed out.", text(driver, "signin-message"));
            assertFalse(driver.findElement(By.id("studio")).isDisplayed());
            assertNull(((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('studio.tokens')"));
            assertEquals(401, get(token, "/api/users/me", "application/json", users).statusCode());
        } finally {
            driver.quit();
        }
    }

    // ---------------------------------------------------------------- ranges the reports refuse, charts, sign-out

    @Test
    void aRefusedRangeShowsItsReasonOnceAndNoFiguresOfAnotherRange() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "studio-range-" + run + "@example.com";
        signUp(email, "Range creator", "CREATOR");
        signUp("studio-range-viewer-" + run + "@example.com", "Range viewer", "VIEWER");
        long video = registerVideo(token(email), "Only one", 120);
        playAndPause(token("studio-range-viewer-" + run + "@example.com"), video, 1, 0);
        LocalDate today = LocalDate.parse(api(token(email), "/api/stats/today").get("date").asText());
        settle(today);

        WebDriver driver = browser(1280, 900);
        try {
            driver.get(studioUrl());
            signIn(driver, email);
            int loads = awaitLoad(driver, 0);
            // keyboard users continue at the studio, not on the sign-in form that is gone
            assertEquals("channel-title", ((JavascriptExecutor) driver).executeScript(
                    "return document.activeElement && document.activeElement.id"));
            assertEquals(today.toString(), driver.findElement(By.id("to")).getAttribute("max"), "no day after today");
            assertEquals(today.toString().substring(0, 7), driver.findElement(By.id("month")).getAttribute("max"));

            // 366 days: shown
            loads = chooseCustomRange(driver, loads, today.minusDays(365), today);
            assertEquals("1", value(driver, "total-views"));
            assertEquals(List.of(video), rowOrder(driver));
            assertEquals("Previous period: the 366 days before, " + today.minusDays(731) + " to " + today.minusDays(366)
                    + ".", text(driver, "previous-range"));

            // 367 days: the reason once, in words, and nothing of the range before under these dates
            setDate(driver, "from", today.minusDays(366));
            loads = awaitRefusal(driver, loads);
            assertEquals("The range has 367 days; choose at most 366.", text(driver, "error"));
            assertRangeFiguresGone(driver);

            // an end after today (typed past the picker's max), then the start after the end
            setDate(driver, "from", today.minusDays(3));
            loads = awaitLoad(driver, loads);
            assertEquals("1", value(driver, "total-views"));
            setDate(driver, "to", today.plusDays(1));
            loads = awaitRefusal(driver, loads);
            assertEquals("The end date is after today (" + today + "): choose today or an earlier day.",
                    text(driver, "error"));
            assertRangeFiguresGone(driver);
            setDate(driver, "to", today.minusDays(4));
            loads = awaitRefusal(driver, loads);
            assertEquals("The start date is after the end date: swap them.", text(driver, "error"));
            assertRangeFiguresGone(driver);
            // the statement has its own month: it follows that month whatever the range
            assertEquals("1", value(driver, "statement-total"), "this month's statement: one view at 1 won");
            ((JavascriptExecutor) driver).executeScript("const el = document.getElementById('statement-month');"
                    + " el.value = arguments[0]; el.dispatchEvent(new Event('change'));",
                    today.minusMonths(1).toString().substring(0, 7));
            loads = awaitRefusal(driver, loads);
            assertEquals("0", value(driver, "statement-total"), "last month's statement, not this month's");
            assertTrue(driver.findElement(By.id("statement-download")).getAttribute("download")
                    .endsWith(today.minusMonths(1).toString().substring(0, 7) + ".csv"));

            // a month after this one
            new Select(driver.findElement(By.id("range"))).selectByValue("month");
            loads = awaitLoad(driver, loads);
            assertEquals("1", value(driver, "total-views"));
            ((JavascriptExecutor) driver).executeScript("const el = document.getElementById('month');"
                    + " el.value = arguments[0]; el.dispatchEvent(new Event('change'));",
                    today.plusMonths(1).toString().substring(0, 7));
            loads = awaitRefusal(driver, loads);
            assertTrue(text(driver, "error").startsWith("The month or the start date is after today"),
                    text(driver, "error"));
            assertRangeFiguresGone(driver);

            // every load asks the platform for today again (a page left open past midnight moves on with it)
            ((JavascriptExecutor) driver).executeScript("""
                    window.todayReads = 0;
                    const fetched = window.fetch;
                    window.fetch = (url, options) => {
                      if (String(url).startsWith('/api/stats/today')) window.todayReads++;
                      return fetched(url, options);
                    };""");
            new Select(driver.findElement(By.id("range"))).selectByValue("7");
            loads = awaitLoad(driver, loads);
            assertEquals(1L, ((Number) ((JavascriptExecutor) driver).executeScript("return window.todayReads"))
                    .longValue());

            // the chart's value axis: whole units, each once (views 0 and 1, no second 1), revenue in won
            assertEquals(List.of("0", "1"), axisValues(driver, "channel-chart"));
            new Select(driver.findElement(By.id("metric"))).selectByValue("totalAmount");
            assertEquals(List.of("₩0", "₩1"), axisValues(driver, "channel-chart"));
            // the chart's figures also as a table (keyboard, screen readers): one row per mark, the same values
            assertEquals(chartMarks(driver, "channel-chart"), driver.findElements(
                    By.cssSelector("#channel-chart-data tbody tr[data-bucket]")).stream()
                    .map(tr -> tr.getAttribute("data-bucket") + "=" + tr.getAttribute("data-value")).toList());
            assertEquals(7, driver.findElements(By.cssSelector("#channel-chart-data tbody tr")).size());
            driver.findElement(By.cssSelector("#channel-chart-data")).findElement(By.xpath("..")).findElement(
                    By.tagName("summary")).click();
            assertEquals(today + " " + today + " ₩1 ₩0", driver.findElement(By.cssSelector(
                    "#channel-chart-data tbody tr[data-bucket='" + today + "']")).getText());

            // signing out while user-service cannot be reached: the page says the session was not ended
            String token = sessionToken(driver);
            ((JavascriptExecutor) driver).executeScript("""
                    const fetched = window.fetch;
                    window.fetch = (url, options) => String(url).endsWith('/api/auth/logout')
                      ? Promise.reject(new TypeError('Failed to fetch')) : fetched(url, options);""");
            driver.findElement(By.id("signout")).click();
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(
                    By.id("signin")));
            assertTrue(text(driver, "signin-message").startsWith("You signed out of this page, but the platform could"
                    + " not be reached to end your session"), text(driver, "signin-message"));
            assertEquals(200, get(token, "/api/users/me", "application/json", users).statusCode(),
                    "the session is indeed still valid");
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(streaming.baseUrl() + "/studio/favicon.svg"))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode(), "the page's icon");
        } finally {
            driver.quit();
        }
    }

    /** Waits for a load that ends with an error shown; answers the new count. */
    private static int awaitRefusal(WebDriver driver, int previous) {
        int loads = awaitAnyLoad(driver, previous);
        assertTrue(driver.findElement(By.id("error")).isDisplayed(), "no error shown");
        return loads;
    }

    /** No total, table row or chart mark of an earlier range, and no empty-state advice about this one. */
    private static void assertRangeFiguresGone(WebDriver driver) {
        for (String id : List.of("total-views", "total-play-time", "total-revenue", "previous-views", "change-views")) {
            assertNull(value(driver, id), id);
            assertEquals("—", text(driver, id), id);
        }
        assertEquals(List.of(), rowOrder(driver));
        assertEquals(List.of(), chartMarks(driver, "channel-chart"));
        assertEquals(List.of(), chartMarks(driver, "video-chart"));
        assertEquals("", text(driver, "previous-range"));
        assertEquals("No figures for this choice.", text(driver, "range-label"));
        assertFalse(driver.findElement(By.id("empty-state")).isDisplayed(), text(driver, "empty-state"));
    }

    private static List<String> axisValues(WebDriver driver, String chart) {
        return driver.findElements(By.cssSelector("#" + chart + " text.axis[text-anchor='end']")).stream()
                .map(WebElement::getText).toList();
    }

    // ---------------------------------------------------------------- sessions

    @Test
    void aRefusedTokenBringsBackTheSignInWithAMessage() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "studio-ended-" + run + "@example.com";
        signUp(email, "Ended", "CREATOR");
        String creator = login(email).get("accessToken").asText();
        registerVideo(creator, "Quiet video", 120);
        WebDriver driver = browser(1280, 900);
        try {
            driver.get(studioUrl());
            signIn(driver, email);
            int loads = awaitLoad(driver, 0);
            assertTrue(text(driver, "empty-state").startsWith("No settled days with activity in this range yet"),
                    text(driver, "empty-state"));

            // the page refreshes its access token shortly before exp (75 s here, so within about 20 s)
            String first = sessionToken(driver);
            new WebDriverWait(driver, Duration.ofSeconds(60))
                    .withMessage("the page did not refresh its access token (75 s) a minute before exp")
                    .until(d -> !first.equals(sessionToken(d)));
            new Select(driver.findElement(By.id("range"))).selectByValue("7");
            loads = awaitLoad(driver, loads);
            assertTrue(driver.findElement(By.id("studio")).isDisplayed(), "the refreshed token works");

            // the session ends elsewhere (logout through the API) right after a refresh, so that the page's next
            // refresh is far off: the next click meets the 401 and brings back the sign-in
            String second = sessionToken(driver);
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> !second.equals(sessionToken(d)));
            String token = sessionToken(driver);
            HttpResponse<byte[]> logout = HTTP.send(HttpRequest.newBuilder(URI.create(users.baseUrl() + "/api/auth/logout"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(204, logout.statusCode());
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
                try {
                    return get(token, "/api/stats/today", "application/json").statusCode() == 401;
                } catch (Exception e) {
                    return false;
                }
            });
            new Select(driver.findElement(By.id("range"))).selectByValue("90");
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
            assertEquals("Your session ended: sign in again", text(driver, "signin-message"));
            assertEquals("request", driver.findElement(By.id("signin-section")).getAttribute("data-ended-by"),
                    "the sign-in came back because a request was refused (the page's next refresh is ~15 s away)");
            assertFalse(driver.findElement(By.id("studio")).isDisplayed());

            // and signing in again works
            signIn(driver, email);
            awaitLoad(driver, loads);
            assertEquals("0", value(driver, "total-views"));
        } finally {
            driver.quit();
        }
    }

    @Test
    void aCreatorWithoutVideosIsToldWhatToDoAndAViewerIsTurnedAway() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        signUp("studio-new-" + run + "@example.com", "Newcomer", "CREATOR");
        signUp("studio-viewer-" + run + "@example.com", "Just watching", "VIEWER");
        WebDriver driver = browser(1280, 900);
        try {
            driver.get(studioUrl());
            signIn(driver, "studio-viewer-" + run + "@example.com");
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> text(d, "signin-message").startsWith("The studio"));
            assertEquals("The studio is for creators: sign in with a creator account.", text(driver, "signin-message"));

            driver.findElement(By.id("password")).sendKeys("wrong password");
            driver.findElement(By.id("email")).clear();
            driver.findElement(By.id("email")).sendKeys("studio-new-" + run + "@example.com");
            driver.findElement(By.id("signin-submit")).click();
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> text(d, "signin-message").startsWith("Wrong"));
            assertEquals("Wrong email or password: check them and try again.", text(driver, "signin-message"));
            assertEquals(List.of(), lowContrastText(driver), "the sign-in with a message");

            signIn(driver, "studio-new-" + run + "@example.com");
            awaitLoad(driver, 0);
            assertTrue(text(driver, "empty-state").startsWith("You have no videos yet. Register your first video"),
                    text(driver, "empty-state"));
            assertTrue(driver.findElements(By.cssSelector("#videos tr[data-video-id]")).isEmpty());
            assertEquals("0", value(driver, "statement-total"));
            assertFalse(driver.findElement(By.id("error")).isDisplayed(), text(driver, "error"));
            assertEquals(List.of(), lowContrastText(driver), "a channel without videos");
        } finally {
            driver.quit();
        }
    }

    @Test
    void userServiceAnswersPreflightsFromTheStudiosOriginOnly() throws Exception {
        String allowed = "http://localhost:" + streaming.port();
        HttpResponse<byte[]> ok = preflight(allowed);
        assertEquals(200, ok.statusCode());
        assertEquals(allowed, ok.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        String methods = ok.headers().firstValue("Access-Control-Allow-Methods").orElse("");
        assertTrue(methods.contains("POST"), methods);
        String headers = ok.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase();
        assertTrue(headers.contains("authorization") && headers.contains("content-type"), headers);

        HttpResponse<byte[]> other = preflight("http://other.example");
        assertNotEquals(200, other.statusCode(), "a preflight from another origin is refused");
        assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), other.headers().map().toString());
    }

    private static HttpResponse<byte[]> preflight(String origin) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(users.baseUrl() + "/api/auth/login"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    // ---------------------------------------------------------------- page helpers

    private static WebDriver browser(int width, int height) throws IOException {
        Path profile = Files.createTempDirectory(work, "chromium-profile-");
        Path downloads = Files.createTempDirectory(work, "downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(work.resolve("logs/chromedriver-" + profile.getFileName() + ".log").toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        DOWNLOADS.put(driver, downloads);
        return driver;
    }

    private static final Map<WebDriver, Path> DOWNLOADS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Path downloads(WebDriver driver) {
        return DOWNLOADS.get(driver);
    }

    private static void signIn(WebDriver driver, String email) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        driver.findElement(By.id("email")).clear();
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).clear();
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("signin-submit")).click();
    }

    /** Waits until the page finished a load after the {@code previous}-th one without an error; the new count. */
    private static int awaitLoad(WebDriver driver, int previous) {
        int loads = awaitAnyLoad(driver, previous);
        WebElement error = driver.findElement(By.id("error"));
        assertFalse(error.isDisplayed(), "the page shows an error: " + error.getText());
        return loads;
    }

    private static int awaitAnyLoad(WebDriver driver, int previous) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            String loads = d.findElement(By.id("studio")).getAttribute("data-loads");
            return loads != null && Integer.parseInt(loads) > previous
                    && "false".equals(d.findElement(By.id("studio")).getAttribute("data-loading"));
        });
        return Integer.parseInt(driver.findElement(By.id("studio")).getAttribute("data-loads"));
    }

    /** Chooses the custom range and its two dates, each a load without an error; answers the load count. */
    private static int chooseCustomRange(WebDriver driver, int loads, LocalDate from, LocalDate to) {
        new Select(driver.findElement(By.id("range"))).selectByValue("custom");
        loads = awaitLoad(driver, loads);
        setDate(driver, "from", from);
        loads = awaitLoad(driver, loads);
        setDate(driver, "to", to);
        return awaitLoad(driver, loads);
    }

    private static void setDate(WebDriver driver, String id, LocalDate date) {
        ((JavascriptExecutor) driver).executeScript("const el = document.getElementById(arguments[0]);"
                + " el.value = arguments[1]; el.dispatchEvent(new Event('change'));", id, date.toString());
    }

    private static String value(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getAttribute("data-value");
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static String sessionToken(WebDriver driver) {
        Object stored = ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('studio.tokens')");
        try {
            return JSON.readTree(String.valueOf(stored)).get("accessToken").asText();
        } catch (IOException e) {
            throw new AssertionError("no tokens in sessionStorage: " + stored, e);
        }
    }

    private static WebElement sortButton(WebDriver driver, String key) {
        return driver.findElement(By.cssSelector("#videos th button[data-sort='" + key + "']"));
    }

    private static List<Long> rowOrder(WebDriver driver) {
        return driver.findElements(By.cssSelector("#videos tbody tr[data-video-id]")).stream()
                .map(tr -> Long.parseLong(tr.getAttribute("data-video-id"))).toList();
    }

    private static Map<Long, Map<String, Long>> tableFigures(WebDriver driver) {
        Map<Long, Map<String, Long>> figures = new LinkedHashMap<>();
        for (WebElement row : driver.findElements(By.cssSelector("#videos tbody tr[data-video-id]"))) {
            Map<String, Long> cells = new HashMap<>();
            for (String col : List.of("views", "playSeconds", "adViews", "revenue")) {
                cells.put(col, Long.parseLong(row.findElement(By.cssSelector("td[data-col='" + col + "']"))
                        .getAttribute("data-value")));
            }
            figures.put(Long.parseLong(row.getAttribute("data-video-id")), cells);
        }
        return figures;
    }

    /** The order the table should show: the figure (descending or ascending), ties to the lower video id. */
    private static List<Long> expectedOrder(Map<Long, Map<String, Long>> figures, String key, boolean descending) {
        Comparator<Long> byFigure = Comparator.comparing(id -> figures.get(id).get(key));
        return figures.keySet().stream().sorted((descending ? byFigure.reversed() : byFigure)
                .thenComparing(Function.identity())).toList();
    }

    private static List<String> chartMarks(WebDriver driver, String chart) {
        return driver.findElements(By.cssSelector("#" + chart + " [data-bucket]")).stream()
                .map(mark -> mark.getAttribute("data-bucket") + "=" + mark.getAttribute("data-value")).toList();
    }

    private static List<String> apiMarks(JsonNode series, String metric) {
        List<String> marks = new ArrayList<>();
        series.get("series").forEach(s -> marks.add(s.get("start").asText() + "=" + s.get(metric).asText()));
        return marks;
    }

    /** The channel's totals, previous period, change and chart marks on the page equal the API's for the range. */
    private static void assertChannelMatchesApi(WebDriver driver, String token, LocalDate from, LocalDate to,
                                                String groupBy, String metric) throws Exception {
        JsonNode series = api(token, "/api/stats/channel?from=" + from + "&to=" + to + "&groupBy=" + groupBy);
        Map<String, String> ids = Map.of("views", "views", "playSeconds", "play-time", "totalAmount", "revenue");
        for (var figure : ids.entrySet()) {
            String where = " (" + figure.getKey() + ", " + from + " to " + to + ")";
            assertEquals(series.get("totals").get(figure.getKey()).asText(), value(driver, "total-" + figure.getValue()),
                    "total" + where);
            assertEquals(series.get("previous").get("totals").get(figure.getKey()).asText(),
                    value(driver, "previous-" + figure.getValue()), "previous" + where);
            assertEquals(series.get("change").get(figure.getKey()).get("difference").asText(),
                    value(driver, "change-" + figure.getValue()), "change" + where);
        }
        assertEquals(metric, driver.findElement(By.id("channel-chart")).getAttribute("data-metric"));
        assertEquals(apiMarks(series, metric), chartMarks(driver, "channel-chart"), groupBy + " " + metric);
        // the previous period beside it: its own series, bucket by bucket, as many as the range has
        JsonNode previous = api(token, "/api/stats/channel?from=" + series.get("previous").get("from").asText()
                + "&to=" + series.get("previous").get("to").asText() + "&groupBy=" + groupBy);
        List<String> expected = apiMarks(previous, metric);
        assertEquals(expected.subList(0, Math.min(expected.size(), series.get("series").size())),
                driver.findElements(By.cssSelector("#channel-chart [data-previous-bucket]")).stream()
                        .map(mark -> mark.getAttribute("data-previous-bucket") + "=" + mark.getAttribute("data-value"))
                        .toList(), "previous period " + groupBy + " " + metric);
    }

    private static List<String> unlabelledControls(WebDriver driver) {
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('input, select')].filter(e => e.labels.length === 0)"
                        + ".map(e => e.id)");
        return ids;
    }

    /**
     * Every visible text of the page whose colour, over the background colours of the elements it sits in (composed,
     * with the opacity of the element and its ancestors applied to the text), is below WCAG AA: 4.5:1, or 3:1 for
     * large text (24 px, or 14 pt = 18.67 px bold). Text is HTML text, the charts' SVG text (its fill), the form
     * controls' own text and placeholders, and generated {@code ::before}/{@code ::after} content. SVG text is
     * measured against the page behind the chart, not against the chart's shapes (no label sits on a shape).
     * Disabled controls are exempt, as WCAG has it; a colour the check cannot read is reported, not skipped.
     */
    private static List<String> lowContrastText(WebDriver driver) {
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) ((JavascriptExecutor) driver).executeScript(CONTRAST_CHECK);
        return problems;
    }

    private static final String CONTRAST_CHECK = """
            const rgba = c => {
              const m = /^rgba?\\(([^)]*)\\)$/.exec(c);
              if (!m) return null;
              const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
              return p.length < 3 || p.some(Number.isNaN) ? null : [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
            };
            const over = (top, below) => [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
            const problems = [];
            const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
            const background = el => {
              const layers = [];
              for (let e = el; e; e = e.parentElement) {
                const b = rgba(getComputedStyle(e).backgroundColor);
                if (b === null) { problems.push(name(e) + ': background ' + getComputedStyle(e).backgroundColor); break; }
                if (b[3] > 0) layers.push(b);
                if (b[3] >= 1) break;
              }
              return layers.reduceRight((below, top) => over(top, below), [255, 255, 255, 1]);
            };
            const luminance = c => [0, 1, 2].map(i => {
              const v = c[i] / 255;
              return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
            }).reduce((sum, v, i) => sum + [0.2126, 0.7152, 0.0722][i] * v, 0);
            // colour: the text's computed colour; style: the computed style its size and weight come from
            const measure = (el, what, colour, style) => {
              const fg = rgba(colour);
              if (fg === null) { problems.push(name(el) + ' ' + what + ': colour ' + colour); return; }
              let alpha = fg[3] * (el instanceof SVGElement ? Number(getComputedStyle(el).fillOpacity) : 1);
              for (let e = el; e; e = e.parentElement) alpha *= Number(getComputedStyle(e).opacity);
              if (alpha === 0) return;
              const bg = background(el);
              const a = luminance(over([fg[0], fg[1], fg[2], alpha], bg)), b = luminance(bg);
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
              const needed = size >= 24 || (bold && size >= 56 / 3) ? 3 : 4.5;
              if (ratio < needed) {
                problems.push(name(el) + ' ' + what + ': ' + ratio.toFixed(2) + ':1, needs ' + needed + ':1');
              }
            };
            const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible'
                && !el.closest(':disabled, [aria-disabled="true"]');
            const seen = new Set();
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const el = n.parentElement;
              if (!n.textContent.trim() || !el || seen.has(el) || el.closest('script, style, option')) continue;
              seen.add(el);
              if (!shown(el)) continue;
              const style = getComputedStyle(el);
              measure(el, '"' + n.textContent.trim().slice(0, 30) + '"', el instanceof SVGElement ? style.fill : style.color,
                  style);
            }
            for (const el of document.body.querySelectorAll('*')) {
              if (!shown(el)) continue;
              if (el.matches('input, select, textarea')) {
                measure(el, 'text', getComputedStyle(el).color, getComputedStyle(el));
                if (el.placeholder && !el.value) {
                  const ph = getComputedStyle(el, '::placeholder');
                  measure(el, 'placeholder', ph.color, ph);
                }
              }
              for (const pseudo of ['::before', '::after']) {
                const ps = getComputedStyle(el, pseudo);
                if (!['none', 'normal', '""', "''"].includes(ps.content)) measure(el, pseudo, ps.color, ps);
              }
            }
            return problems;
            """;

    private static void screenshot(WebDriver driver) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path target = Path.of("target/studio.png");
        Files.write(target, png);
        // -Dstudio.screenshot=../docs/studio.png refreshes the picture in the README
        String copy = System.getProperty("studio.screenshot", "");
        if (!copy.isBlank()) {
            Files.copy(target, Path.of(copy), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ---------------------------------------------------------------- the API

    private static long signUp(String email, String nickname, String role) throws Exception {
        HttpResponse<byte[]> r = post(null, users.baseUrl() + "/api/users", Map.of("email", email, "password", PASSWORD,
                "nickname", nickname, "role", role));
        assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return JSON.readTree(r.body()).get("id").asLong();
    }

    private static JsonNode login(String email) throws Exception {
        HttpResponse<byte[]> r = post(null, users.baseUrl() + "/api/auth/login", Map.of("email", email, "password", PASSWORD));
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return JSON.readTree(r.body());
    }

    /** A fresh access token (they live 75 s in these tests). */
    private static String token(String email) throws Exception {
        return login(email).get("accessToken").asText();
    }

    private static long registerVideo(String token, String title, int seconds) throws Exception {
        HttpResponse<byte[]> r = post(token, streaming.baseUrl() + "/api/videos",
                Map.of("title", title, "durationSeconds", seconds));
        assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return JSON.readTree(r.body()).get("id").asLong();
    }

    /** A play, {@code watchMillis} of watching, and the pause at {@code position}. */
    private static void playAndPause(String token, long video, int position, long watchMillis) throws Exception {
        HttpResponse<byte[]> play = post(token, streaming.baseUrl() + "/api/videos/" + video + "/play", Map.of());
        assertEquals(200, play.statusCode(), new String(play.body(), StandardCharsets.UTF_8));
        long playback = JSON.readTree(play.body()).get("playbackId").asLong();
        Thread.sleep(watchMillis);
        HttpResponse<byte[]> pause = post(token, streaming.baseUrl() + "/api/videos/" + video + "/pause",
                Map.of("playbackId", playback, "positionSeconds", position));
        assertEquals(200, pause.statusCode(), new String(pause.body(), StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> post(String token, String url, Map<String, Object> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode api(String token, String pathAndQuery) throws Exception {
        HttpResponse<byte[]> r = get(token, pathAndQuery, "application/json");
        assertEquals(200, r.statusCode(), pathAndQuery + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return JSON.readTree(r.body());
    }

    private static HttpResponse<byte[]> get(String token, String pathAndQuery, String accept)
            throws IOException, InterruptedException {
        return get(token, pathAndQuery, accept, streaming);
    }

    private static HttpResponse<byte[]> get(String token, String pathAndQuery, String accept, ServiceProcess service)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Runs the packaged batch for the day (retried while another build's batch holds the server's run lock). */
    private static void settle(LocalDate day) throws IOException, InterruptedException {
        platform.settle(day);
    }

    private static void assertFalse(boolean condition, String message) {
        org.junit.jupiter.api.Assertions.assertFalse(condition, message);
    }

    private static void assertFalse(boolean condition) {
        org.junit.jupiter.api.Assertions.assertFalse(condition);
    }
}
