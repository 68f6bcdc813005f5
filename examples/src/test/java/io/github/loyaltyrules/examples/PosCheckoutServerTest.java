package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.loyaltyrules.jackson.LoyaltyModule;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Explanation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the checkout service over loopback the way a till would, retries included. */
class PosCheckoutServerTest {

    private static final String ANN = "+44 7700 900123";

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:15:00Z"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private PosCheckoutServer server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        server = new PosCheckoutServer(clock);
        port = server.start(0);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void anEarnAnswersWithItsAwardLinesAsLoyaltyJacksonWritesThem() throws Exception {
        assertThat(post("/members", "enrol-ann", "phone", ANN).statusCode()).isEqualTo(201);
        HttpResponse<String> earn = post("/earn", "till-7/0001", "phone", ANN, "store", "london-1",
                "currency", "GBP", "line", "1:LATTE:coffee:2:3.40", "line", "2:BEANS:beans:2:12.50");
        assertThat(earn.statusCode()).isEqualTo(200);
        assertThat(earn.body()).contains("\"awards\":[{\"ruleId\":\"base\",\"ruleName\":\"Points on your basket\","
                + "\"currency\":\"PTS\",\"amount\":31,\"lineShares\":{\"1\":6,\"2\":25},"
                + "\"explanation\":{\"base\":\"31.80 GBP\",\"rate\":\"1 pt per 1.00\",\"multiplier\":\"\","
                + "\"rounding\":\"floor per line\",\"cap\":\"\"}}]");
        // a client with the module reads the lines back as the library's values
        ObjectMapper json = new ObjectMapper().registerModule(LoyaltyModule.create());
        List<Award> awards = json.convertValue(json.readTree(earn.body()).get("awards"),
                new TypeReference<List<Award>>() { });
        assertThat(awards).containsExactly(new Award("base", "Points on your basket", "PTS", 31,
                Map.of("1", 6L, "2", 25L), new Explanation("31.80 GBP", "1 pt per 1.00", "", "floor per line", "")));
    }

    @Test
    void aRetriedEarnIsPostedOnceAndTheLookupShowsIt() throws Exception {
        assertThat(post("/members", "enrol-ann", "phone", ANN).statusCode()).isEqualTo(201);
        clock.tick();
        String[] basket = {"phone", ANN, "store", "london-1", "currency", "GBP",
            "line", "1:LATTE:coffee:2:3.40", "line", "2:BEANS:beans:2:12.50"};
        HttpResponse<String> first = post("/earn", "till-7/0001", basket);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"earned\":31", "\"balance\":31", "Points on your basket");

        clock.tick(); // the till timed out and retries, once in turn and three times at once
        assertThat(post("/earn", "till-7/0001", basket).body()).isEqualTo(first.body());
        List<CompletableFuture<HttpResponse<String>>> retries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            retries.add(http.sendAsync(request("/earn", "till-7/0001", basket), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> r : retries) {
            assertThat(r.get().statusCode()).isEqualTo(200);
            assertThat(r.get().body()).contains("\"earned\":31");
        }

        HttpResponse<String> lookup = get("/members?phone=" + URLEncoder.encode(ANN, StandardCharsets.UTF_8));
        assertThat(lookup.statusCode()).isEqualTo(200);
        assertThat(lookup.body()).isEqualTo(
                "{\"phone\":\"+447700900123\",\"balance\":31,\"available\":31,\"reserved\":0,\"pending\":0}");
        assertThat(lookup.body()).doesNotContain("m-"); // the member id stays inside the service
    }

    @Test
    void aQuoteShowsWhatTheBasketWouldEarnAndChangesNothing() throws Exception {
        post("/members", "enrol-ann", "phone", ANN);
        String before = balance();
        HttpResponse<String> quote = get("/quote?phone=" + URLEncoder.encode(ANN, StandardCharsets.UTF_8)
                + "&store=s1&currency=GBP&line=1:LATTE:coffee:2:3.40&line=2:MUFFIN:bakery:1:2.50&order=till-7%2F0002");
        assertThat(quote.statusCode()).isEqualTo(200);
        assertThat(balance()).isEqualTo(before);
        HttpResponse<String> paid = post("/earn", "till-7/0002", "phone", ANN, "store", "s1", "currency", "GBP",
                "line", "1:LATTE:coffee:2:3.40", "line", "2:MUFFIN:bakery:1:2.50");
        String earned = paid.body().replaceAll(".*\"earned\":(\\d+).*", "$1");
        assertThat(quote.body()).contains("\"wouldEarn\":" + earned);
        assertThat(Integer.parseInt(earned)).isPositive();
    }

    @Test
    void aQuoteShowsTheOffersTheBasketMissesAndWhatIsMissingToTheNextTier() throws Exception {
        post("/members", "enrol-ann", "phone", ANN);
        String phone = URLEncoder.encode(ANN, StandardCharsets.UTF_8);
        HttpResponse<String> quote = get("/quote?phone=" + phone
                + "&store=s1&currency=GBP&line=1:LATTE:coffee:2:3.40&line=2:MUFFIN:bakery:1:2.50&order=till-7%2F0003");
        assertThat(quote.statusCode()).isEqualTo(200);
        assertThat(quote.body()).contains("\"wouldEarn\":8,", // 6 + 2: neither bonus
                "\"nearMisses\":[{\"rule\":\"muffin-pair\",\"text\":\"Two muffins bonus: needs 2 of SKU MUFFIN,"
                        + " basket has 1\",\"missingUnits\":1,\"kinds\":[\"QUANTITY\"]},"
                        + "{\"rule\":\"big-basket\",\"text\":\"Big basket bonus: basket 9.30 of 40.00 GBP needed\","
                        + "\"missing\":\"30.70\",\"kinds\":[\"BASKET_TOTAL\"]}]",
                "\"tier\":{\"current\":\"Member\",\"next\":\"Silver\",\"missing\":{\"points:PTS\":\"200\","
                        + "\"purchases\":\"10\"},\"basketReachesNext\":false,"
                        + "\"text\":\"Member; Silver needs 200 more points:PTS or 10 more purchases;"
                        + " this basket does not reach it\"}");
        assertThat(quote.body().substring(quote.body().indexOf("\"nearMisses\""))).doesNotContain("7700", "m-");

        HttpResponse<String> big = get("/quote?phone=" + phone
                + "&store=s1&currency=GBP&line=1:GRINDER:kit:1:180.00&line=2:MUFFIN:bakery:2:2.50&order=till-7%2F0004");
        assertThat(big.body()).contains("\"wouldEarn\":220,", "\"nearMisses\":[]", "\"basketReachesNext\":true",
                "this basket reaches it");
        String before = balance();
        post("/earn", "till-7/0004", "phone", ANN, "store", "s1", "currency", "GBP",
                "line", "1:GRINDER:kit:1:180.00", "line", "2:MUFFIN:bakery:2:2.50");
        assertThat(balance()).isNotEqualTo(before).contains("\"balance\":220,");
        HttpResponse<String> after = get("/quote?phone=" + phone
                + "&store=s1&currency=GBP&line=1:LATTE:coffee:1:3.40&order=till-7%2F0005");
        assertThat(after.body()).contains("\"current\":\"Silver\",\"next\":null", "Silver, the top tier");
    }

    @Test
    void theSameKeyWithOtherContentIsAConflict() throws Exception {
        post("/members", "enrol-ann", "phone", ANN);
        post("/earn", "till-7/0001", "phone", ANN, "store", "s1", "currency", "GBP", "line", "1:LATTE:coffee:1:3.40");

        HttpResponse<String> other = post("/earn", "till-7/0001", "phone", ANN, "store", "s1", "currency", "GBP",
                "line", "1:LATTE:coffee:9:3.40");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("IdempotencyConflictException", "till-7/0001");

        HttpResponse<String> elsewhere = post("/redeem", "till-7/0001", "phone", ANN, "points", "1");
        assertThat(elsewhere.statusCode()).isEqualTo(409);
        assertThat(balance()).contains("\"balance\":3,");

        assertThat(post("/members", "enrol-ann", "phone", ANN).statusCode()).as("a retried enrolment").isEqualTo(201);
        HttpResponse<String> otherPhone = post("/members", "enrol-ann", "phone", "+44 7700 900456");
        assertThat(otherPhone.statusCode()).isEqualTo(409);
        assertThat(get("/members?phone=%2B447700900456").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownPhoneIsNotFound() throws Exception {
        HttpResponse<String> lookup = get("/members?phone=%2B447700900999");
        assertThat(lookup.statusCode()).isEqualTo(404);
        assertThat(lookup.body()).contains("UnknownMemberException", "no member has phone number +447700900999");
        assertThat(post("/earn", "k1", "phone", "+447700900999", "store", "s1", "currency", "GBP",
                "line", "1:LATTE:coffee:1:3.40").statusCode()).isEqualTo(404);
    }

    @Test
    void redeemingMoreThanTheBalanceIsRefusedAndChangesNothing() throws Exception {
        post("/members", "enrol-ann", "phone", ANN);
        post("/earn", "order-1", "phone", ANN, "store", "s1", "currency", "GBP", "line", "1:BEANS:beans:2:12.50");

        HttpResponse<String> tooMuch = post("/redeem", "redeem-1", "phone", ANN, "points", "26");
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(tooMuch.body()).contains("InsufficientPointsException");
        HttpResponse<String> ok = post("/redeem", "redeem-2", "phone", ANN, "points", "20");
        assertThat(ok.body()).contains("\"balance\":5,", "\"redeemed\":20");
        assertThat(post("/redeem", "redeem-2", "phone", ANN, "points", "20").body()).isEqualTo(ok.body());
        assertThat(balance()).contains("\"balance\":5,");
    }

    @Test
    void aReservationIsHeldThenCapturedOnceAndAReturnClawsBackOnce() throws Exception {
        post("/members", "enrol-ann", "phone", ANN);
        post("/earn", "order-1", "phone", ANN, "store", "s1", "currency", "GBP",
                "line", "1:LATTE:coffee:2:3.40", "line", "2:BEANS:beans:2:12.50");
        clock.tick();

        HttpResponse<String> hold = post("/reserve", "hold-1", "phone", ANN, "points", "10", "ttlSeconds", "600");
        assertThat(hold.statusCode()).isEqualTo(201);
        assertThat(hold.body()).contains("\"reservation\":\"hold-1\"", "\"available\":21", "\"reserved\":10");
        assertThat(post("/reserve", "hold-1", "phone", ANN, "points", "10", "ttlSeconds", "600").statusCode())
                .isEqualTo(201);
        assertThat(balance()).contains("\"balance\":31,\"available\":21,\"reserved\":10");

        clock.tick(); // the payment went through
        HttpResponse<String> capture = post("/capture", "capture-1", "phone", ANN, "reservation", "hold-1");
        assertThat(capture.body()).contains("\"balance\":21,\"available\":21,\"reserved\":0");
        assertThat(post("/capture", "capture-1", "phone", ANN, "reservation", "hold-1").statusCode()).isEqualTo(200);
        HttpResponse<String> twice = post("/capture", "capture-2", "phone", ANN, "reservation", "hold-1");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("ReservationNotOpenException");

        clock.tick(); // one bag of beans comes back: it earned floor(25 / 2) = 12 of its 25 points
        HttpResponse<String> ret = post("/return", "return-1", "phone", ANN, "order", "order-1", "line", "2:1");
        assertThat(ret.statusCode()).isEqualTo(200);
        assertThat(ret.body()).contains("\"clawedBack\":12", "\"balance\":9,");
        assertThat(post("/return", "return-1", "phone", ANN, "order", "order-1", "line", "2:1").body())
                .isEqualTo(ret.body());
        assertThat(balance()).contains("\"balance\":9,\"available\":9");

        HttpResponse<String> tooMany = post("/return", "return-2", "phone", ANN, "order", "order-1", "line", "2:2");
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(tooMany.body()).contains("InvalidReversalException", "has 1 of 2 units left to return");
    }

    @Test
    void malformedRequestsAreBadRequests() throws Exception {
        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(uri("/members"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("phone=%2B447700900123")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.body()).contains("Idempotency-Key");
        assertThat(post("/members", "k", "phone", "07700 900123").statusCode()).isEqualTo(400);
        post("/members", "enrol-ann", "phone", ANN);
        HttpResponse<String> badLine = post("/earn", "k2", "phone", ANN, "store", "s1", "currency", "GBP",
                "line", "1:LATTE:2:3.40");
        assertThat(badLine.statusCode()).isEqualTo(400);
        assertThat(badLine.body()).contains("id:sku:category:quantity:unitPrice");
        assertThat(post("/members", "enrol-again", "phone", ANN).statusCode()).isEqualTo(409);
        HttpResponse<String> huge = post("/earn", "k3", "phone", ANN, "store", "s1", "currency", "GBP",
                "line", "1:GOLD:bullion:999999999999999999:99999999999999999999.00");
        assertThat(huge.statusCode()).isEqualTo(422);
        assertThat(post("/redeem", "x".repeat(300), "phone", ANN, "points", "1").statusCode()).isEqualTo(422);
        assertThat(balance()).contains("\"balance\":0,");
    }

    @Test
    void aLapsedReservationCannotBeCaptured() throws Exception {
        post("/members", "enrol-ann", "phone", ANN);
        post("/earn", "order-1", "phone", ANN, "store", "s1", "currency", "GBP", "line", "1:BEANS:beans:2:12.50");
        post("/reserve", "hold-1", "phone", ANN, "points", "10", "ttlSeconds", "60");
        clock.tick();
        clock.tick(); // the payment terminal never answered
        HttpResponse<String> late = post("/capture", "capture-1", "phone", ANN, "reservation", "hold-1");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("ReservationNotOpenException");
        assertThat(balance()).contains("\"balance\":25,\"available\":25,\"reserved\":0");
    }

    private String balance() throws Exception {
        return get("/members?phone=" + URLEncoder.encode(ANN, StandardCharsets.UTF_8)).body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String key, String... fields) throws Exception {
        return http.send(request(path, key, fields), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String key, String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.newBuilder(uri(path)).header("Idempotency-Key", key)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A clock the test moves on by a minute at a time. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void tick() {
            now = now.plusSeconds(60);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Europe/London");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock has one zone");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
