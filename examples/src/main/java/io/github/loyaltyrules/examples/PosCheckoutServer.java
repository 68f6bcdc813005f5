package io.github.loyaltyrules.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.loyaltyrules.jackson.LoyaltyModule;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberAlreadyEnrolledException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Quote;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.program.TierOutlook;
import io.github.loyaltyrules.rule.NearMiss;
import io.github.loyaltyrules.rule.Shortfall;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Conditions;
import io.github.loyaltyrules.rules.Grant;
import io.github.loyaltyrules.rules.LineMatcher;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A point-of-sale checkout service on the JDK's built-in {@code com.sun.net.httpserver}: no web
 * framework, so that every step between the till and the library is visible. Responses are written by a
 * plain Jackson {@link ObjectMapper} with loyalty-jackson's {@link LoyaltyModule} registered, which writes the
 * library's values (idempotency keys, award lines) as plain JSON.
 *
 * <p>Members are known to the till by phone number only; the service maps each phone number to an
 * opaque {@link MemberId} that never leaves it. Requests are form-encoded
 * ({@code application/x-www-form-urlencoded}); responses are one JSON object: the member's balance figures,
 * and for an earn or a quote the award lines as loyalty-jackson writes them. Every posting
 * request carries an {@code Idempotency-Key} header: a till that times out retries with the same
 * key and gets the first answer back, and nothing is posted twice. The library compares a retry
 * with the first request, business time included, so the service stamps a request with the time its
 * key was first seen, not the time the retry arrives. (It remembers keys, and which phone numbers
 * belong to which member, in memory; a real service would keep both in its database.)
 *
 * <table>
 * <caption>Endpoints</caption>
 * <tr><th>request</th><th>form fields</th><th>does</th></tr>
 * <tr><td>{@code POST /members}</td><td>{@code phone}</td><td>enrols a member (201)</td></tr>
 * <tr><td>{@code GET /members?phone=...}</td><td></td><td>looks a member up: balances</td></tr>
 * <tr><td>{@code POST /earn}</td><td>{@code phone}, {@code store}, {@code line} repeated as
 *     {@code id:sku:category:quantity:unitPrice}, {@code currency}</td><td>earns points on a basket</td></tr>
 * <tr><td>{@code GET /quote?...}</td><td>as {@code /earn}, and {@code order}: the key the till will send</td>
 *     <td>what the basket would earn if paid now, the closest three offers it misses and why
 *     ({@code nearMisses}), and the member's tier, the next one and what is missing to it ({@code tier});
 *     changes nothing</td></tr>
 * <tr><td>{@code POST /redeem}</td><td>{@code phone}, {@code points}, {@code reason}</td><td>spends points</td></tr>
 * <tr><td>{@code POST /reserve}</td><td>{@code phone}, {@code points}, {@code ttlSeconds}</td>
 *     <td>holds points during payment; the reservation is named by the request's key</td></tr>
 * <tr><td>{@code POST /capture}, {@code POST /release}</td><td>{@code phone}, {@code reservation}</td>
 *     <td>spends or frees a reservation</td></tr>
 * <tr><td>{@code POST /return}</td><td>{@code phone}, {@code order} (the key of the earn request),
 *     {@code line} repeated as {@code id:units}</td><td>claws back what the returned units earned</td></tr>
 * </table>
 *
 * <p>Errors are {@code {"error":"...","message":"..."}} with the library exception's message:
 * 400 for a malformed request, 404 for an unknown phone, order or reservation, 409 for a key reused
 * for another request or a reservation no longer open, 422 for a request the program refuses
 * (insufficient points, invalid amounts).
 *
 * <p>The program: 1 point per whole 1.00 of each basket line, a big basket bonus of 25 points from 40.00
 * GBP, 10 points for two muffins; tiers Member and Silver (200 points or 10 purchases, lifetime). Run {@link #main(String[])} to start
 * it on port 8080 (or the port given as the first argument).
 */
public final class PosCheckoutServer {

    /** The points currency of the till's program. */
    static final PointCurrency POINTS = PointCurrency.of("PTS", "Points", 0);

    private static final int MAX_BODY = 64 * 1024;
    /** How many near misses a quote shows at the till, closest first. */
    private static final int NEAR_MISSES_SHOWN = 3;
    private static final String FORM = "application/x-www-form-urlencoded";

    private final LoyaltyProgram program;
    private final Clock clock;
    private final ObjectMapper json;
    private final Map<String, Enrolment> phones = new ConcurrentHashMap<>();
    private final Map<String, Seen> keys = new ConcurrentHashMap<>();
    private final Map<IdempotencyKey, String> enrolmentKeys = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    /** The opaque member behind a phone number, and the key of the request that enrolled it. */
    private record Enrolment(MemberId member, IdempotencyKey key) {
    }

    /** When and for which endpoint an idempotency key was first seen. */
    private record Seen(String endpoint, Instant at) {
    }

    /** A request the service rejects before it reaches the library, with its HTTP status. */
    private static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * Creates a service over a new in-memory ledger.
     *
     * @param clock the clock that stamps each request's business time
     * @throws NullPointerException if {@code clock} is null
     */
    public PosCheckoutServer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        Ledger ledger = Ledger.builder().zone(clock.getZone()).clock(clock).currency(POINTS).build();
        RuleSet rules = RuleSet.builder(POINTS)
                .rule("base", r -> r.name("Points on your basket").award(ctx -> grants(evaluate(ctx))))
                .rule("big-basket", r -> r.name("Big basket bonus")
                        .when(Conditions.basketAtLeast(Money.of("40.00", "GBP"))).award(Actions.fixed(POINTS.points(25))))
                .rule("muffin-pair", r -> r.name("Two muffins bonus")
                        .when(Conditions.quantityAtLeast(LineMatcher.sku("MUFFIN"), 2))
                        .award(Actions.fixed(POINTS.points(10))))
                .build();
        Metric points = Metric.points(POINTS);
        Metric purchases = Metric.purchases();
        TierEngine tiers = TierEngine.of(TierLadder.builder().zone(clock.getZone()).window(QualificationWindow.lifetime())
                .metrics(points, purchases).tier(Tier.of("Member"))
                .tier(Tier.of("Silver").withThreshold(points, 200).withThreshold(purchases, 10)).build());
        this.program = LoyaltyProgram.of(ledger, ProgramVersion.of("pos-1", rules,
                List.of(Reward.of("coffee", "Free coffee", POINTS.points(100)))), tiers);
        this.json = new ObjectMapper().registerModule(LoyaltyModule.withCurrencies(ledger.currencies().values()));
    }

    /**
     * Starts the service on the loopback interface.
     *
     * @param port the port; 0 for any free port
     * @return the port it is bound to
     * @throws IOException if the port cannot be bound
     * @throws IllegalStateException if it is already started
     */
    public synchronized int start(int port) throws IOException {
        if (server != null) {
            throw new IllegalStateException("the checkout service is already started on port "
                    + server.getAddress().getPort());
        }
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        s.createContext("/members", ex -> handle(ex, "members"));
        s.createContext("/earn", ex -> handle(ex, "earn"));
        s.createContext("/redeem", ex -> handle(ex, "redeem"));
        s.createContext("/reserve", ex -> handle(ex, "reserve"));
        s.createContext("/capture", ex -> handle(ex, "capture"));
        s.createContext("/release", ex -> handle(ex, "release"));
        s.createContext("/return", ex -> handle(ex, "return"));
        s.createContext("/quote", ex -> handle(ex, "quote"));
        executor = Executors.newFixedThreadPool(4);
        s.setExecutor(executor);
        s.start();
        server = s;
        return s.getAddress().getPort();
    }

    /** Stops the service, if it is running, and frees its threads. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
            executor = null;
        }
    }

    /**
     * Returns the program behind the service, for tests and back-office code.
     *
     * @return the program
     */
    public LoyaltyProgram program() {
        return program;
    }

    /**
     * Starts the service and serves until the process is stopped.
     *
     * @param args the port, optionally; 8080 if absent
     * @throws IOException if the port cannot be bound
     * @throws NumberFormatException if the port is not a number
     */
    public static void main(String[] args) throws IOException {
        PosCheckoutServer pos = new PosCheckoutServer(Clock.system(ZoneId.of("Europe/London")));
        int port = pos.start(args.length > 0 ? Integer.parseInt(args[0]) : 8080);
        System.out.println("POS checkout service on http://127.0.0.1:" + port + "/ ; try:");
        System.out.println("  curl -d phone=+447700900123 -H 'Idempotency-Key: k1' http://127.0.0.1:" + port + "/members");
        System.out.println("  curl -d phone=+447700900123 -d store=s1 -d currency=GBP -d line=1:LATTE:coffee:2:3.40"
                + " -H 'Idempotency-Key: k2' http://127.0.0.1:" + port + "/earn");
        System.out.println("  curl 'http://127.0.0.1:" + port + "/members?phone=%2B447700900123'");
        Runtime.getRuntime().addShutdownHook(new Thread(pos::stop));
    }

    // ------------------------------------------------------------------ HTTP plumbing

    private void handle(HttpExchange ex, String endpoint) throws IOException {
        int status;
        Map<String, Object> body;
        try {
            if (!ex.getRequestURI().getPath().equals("/" + endpoint)) {
                throw new HttpError(404, "no such endpoint: " + ex.getRequestURI().getPath());
            }
            if (endpoint.equals("members") && ex.getRequestMethod().equals("GET")) {
                body = lookup(Form.parse(ex.getRequestURI().getRawQuery()));
                status = 200;
            } else if (endpoint.equals("quote") && ex.getRequestMethod().equals("GET")) {
                body = quote(Form.parse(ex.getRequestURI().getRawQuery()));
                status = 200;
            } else if (ex.getRequestMethod().equals("POST")) {
                Form form = Form.parse(readBody(ex));
                String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
                if (key == null || key.isBlank()) {
                    throw new HttpError(400, "every " + endpoint + " request needs an Idempotency-Key header");
                }
                IdempotencyKey k = IdempotencyKey.of(key.strip());
                Instant at = firstSeen(k.value(), endpoint);
                body = post(endpoint, form, at, k);
                status = endpoint.equals("members") || endpoint.equals("reserve") ? 201 : 200;
            } else {
                throw new HttpError(405, endpoint + " does not accept " + ex.getRequestMethod());
            }
        } catch (HttpError e) {
            status = e.status;
            body = error("BadRequest", e.getMessage());
        } catch (LoyaltyException e) {
            status = statusOf(e);
            body = error(e.getClass().getSimpleName(), e.getMessage());
        } catch (ArithmeticException e) {
            status = 422;
            body = error("AmountOutOfRange", "an amount in the request is too large: " + e.getMessage());
        } catch (RuntimeException e) {
            status = 500;
            body = error("InternalError", String.valueOf(e.getMessage()));
        }
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String readBody(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith(FORM)) {
            throw new HttpError(400, "request body must be " + FORM + "; got " + type);
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new HttpError(413, "request body must be at most " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * Returns the business time of a request: when its key was first seen. The library compares a
     * replayed request with the first one, business time included, so a retry must carry the first
     * attempt's time, not the time it arrives. A key reused on another endpoint is refused here
     * because the library keys a purchase's postings by {@code key#currency}, so it would not see
     * the clash.
     */
    private Instant firstSeen(String key, String endpoint) {
        Seen seen = keys.computeIfAbsent(key, k -> new Seen(endpoint, clock.instant()));
        if (!seen.endpoint().equals(endpoint)) {
            throw new IdempotencyConflictException("idempotency key '" + key + "' was first used for /"
                    + seen.endpoint() + "; this request is /" + endpoint + ". Reuse a key only to retry the same request");
        }
        return seen.at();
    }

    /** The HTTP status of a refusal, by what it means for the caller (not by its class). */
    static int statusOf(LoyaltyException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case CONCURRENT_UPDATE -> 503; // the till may send the same request again, with the same key
            case INVALID_DEFINITION -> 500; // the program's fault, not the till's
            case INVALID_REQUEST, INSUFFICIENT_POINTS, NOT_ALLOWED -> 422;
        };
    }

    private static Map<String, Object> error(String type, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", type);
        m.put("message", message);
        return m;
    }

    // ------------------------------------------------------------------ endpoints

    private Map<String, Object> post(String endpoint, Form form, Instant at, IdempotencyKey key) {
        switch (endpoint) {
            case "members":
                return enrol(form, at, key);
            case "earn":
                return earn(form, at, key);
            case "redeem":
                return redeem(form, at, key);
            case "reserve":
                return reserve(form, at, key);
            case "capture":
            case "release":
                return closeReservation(endpoint, form, at, key);
            case "return":
                return giveBack(form, at, key);
            default:
                throw new HttpError(404, "no such endpoint: /" + endpoint);
        }
    }

    private Map<String, Object> enrol(Form form, Instant at, IdempotencyKey key) {
        String phone = Phone.normalise(form.required("phone"));
        String earlier = enrolmentKeys.putIfAbsent(key, phone);
        if (earlier != null && !earlier.equals(phone)) {
            throw new IdempotencyConflictException("idempotency key '" + key + "' was first used to enrol another phone"
                    + " number; reuse a key only to retry the same request");
        }
        Enrolment e = phones.computeIfAbsent(phone, p -> {
            MemberId member = MemberId.of("m-" + UUID.randomUUID());
            program.enrol(member, at);
            return new Enrolment(member, key);
        });
        if (!e.key().equals(key)) {
            throw new MemberAlreadyEnrolledException("phone number " + phone + " is already enrolled");
        }
        return balanceOf(phone, e.member());
    }

    private Map<String, Object> lookup(Form query) {
        String phone = Phone.normalise(query.required("phone"));
        return balanceOf(phone, member(phone));
    }

    private Map<String, Object> earn(Form form, Instant at, IdempotencyKey key) {
        String phone = Phone.normalise(form.required("phone"));
        MemberId member = member(phone);
        Receipt receipt = program.purchase(member, basket(form), at, key);
        Map<String, Object> out = balanceOf(phone, member);
        out.put("earned", receipt.total(POINTS.code()));
        out.put("receipt", receipt.render());
        out.put("awards", receipt.awards());
        return out;
    }

    /**
     * What the basket would earn if it were paid now, shown at the till before payment: the same
     * awards {@code POST /earn} would post under the order's key ({@code order}, the key the till will
     * send), caps and budgets as they stand; nothing is posted, counted or drawn.
     */
    private Map<String, Object> quote(Form query) {
        String phone = Phone.normalise(query.required("phone"));
        MemberId member = member(phone);
        Quote quote = program.quote(member, basket(query), clock.instant(),
                IdempotencyKey.of(query.optional("order", "quote").strip()));
        Map<String, Object> out = balanceOf(phone, member);
        out.put("wouldEarn", quote.total(POINTS.code()));
        out.put("receipt", quote.receipt().render());
        out.put("awards", quote.receipt().awards());
        List<Map<String, Object>> misses = new ArrayList<>();
        for (NearMiss m : quote.closest(NEAR_MISSES_SHOWN)) {
            Map<String, Object> miss = new LinkedHashMap<>();
            miss.put("rule", m.ruleId());
            miss.put("text", m.text());
            List<String> kinds = new ArrayList<>();
            for (Shortfall f : m.shortfalls()) {
                kinds.add(f.kind().name());
                f.missingAmount().ifPresent(a -> miss.put("missing", a.amount().toPlainString()));
                f.neededUnits().ifPresent(n -> miss.put("missingUnits", n - f.actualUnits().orElse(0)));
            }
            miss.put("kinds", kinds);
            misses.add(miss);
        }
        out.put("nearMisses", misses);
        quote.tier().ifPresent(t -> {
            Map<String, Object> tier = new LinkedHashMap<>();
            tier.put("current", t.tier().name());
            tier.put("next", t.nextTier().map(Tier::name).orElse(null));
            Map<String, String> missing = new LinkedHashMap<>();
            for (TierOutlook.Gap g : t.gaps()) {
                missing.put(g.metric().toString(), g.missing().toPlainString());
            }
            tier.put("missing", missing);
            tier.put("basketReachesNext", t.basketReachesNext());
            tier.put("text", t.text());
            out.put("tier", tier);
        });
        return out;
    }

    /** Turns the base award of {@link #evaluate} into the grant of the program's base rule. */
    private static List<Grant> grants(Evaluation base) {
        List<Grant> out = new ArrayList<>();
        for (Award a : base.awards()) {
            out.add(new Grant(a.currency(), a.amount(), a.lineShares(), a.explanation()));
        }
        return out;
    }

    /** The basket of an earn or a quote: {@code store}, {@code currency} and {@code line} fields. */
    private Purchase basket(Form form) {
        String currency = form.required("currency");
        List<BasketLine> lines = new ArrayList<>();
        for (String line : form.all("line")) {
            String[] f = line.split(":", -1);
            if (f.length != 5) {
                throw new HttpError(400, "a basket line is id:sku:category:quantity:unitPrice; got '" + line + "'");
            }
            lines.add(BasketLine.of(f[0], f[1], f[2], number("quantity of line " + f[0], f[3]),
                    Money.of(f[4], currency)));
        }
        return Purchase.of(form.required("store"), "pos", lines);
    }

    private Map<String, Object> redeem(Form form, Instant at, IdempotencyKey key) {
        String phone = Phone.normalise(form.required("phone"));
        MemberId member = member(phone);
        Posting p = program.redeem(member, Points.parse(POINTS, form.required("points")), at, key,
                form.optional("reason", "redeemed at the till"));
        Map<String, Object> out = balanceOf(phone, member);
        out.put("redeemed", p.amount());
        return out;
    }

    private Map<String, Object> reserve(Form form, Instant at, IdempotencyKey key) {
        String phone = Phone.normalise(form.required("phone"));
        MemberId member = member(phone);
        Duration ttl = Duration.ofSeconds(number("ttlSeconds", form.optional("ttlSeconds", "900")));
        Posting p = program.reserve(member, Points.parse(POINTS, form.required("points")), ttl, at, key,
                form.optional("reason", "held at checkout"));
        Map<String, Object> out = balanceOf(phone, member);
        out.put("reservation", p.key());
        out.put("held", p.amount());
        return out;
    }

    private Map<String, Object> closeReservation(String endpoint, Form form, Instant at, IdempotencyKey key) {
        String phone = Phone.normalise(form.required("phone"));
        MemberId member = member(phone);
        IdempotencyKey reservation = IdempotencyKey.of(form.required("reservation"));
        Posting p = endpoint.equals("capture") ? program.capture(member, reservation, at, key)
                : program.release(member, reservation, at, key);
        Map<String, Object> out = balanceOf(phone, member);
        out.put(endpoint.equals("capture") ? "captured" : "released", p.amount());
        return out;
    }

    private Map<String, Object> giveBack(Form form, Instant at, IdempotencyKey key) {
        String phone = Phone.normalise(form.required("phone"));
        MemberId member = member(phone);
        Map<String, Long> units = new LinkedHashMap<>();
        for (String line : form.all("line")) {
            String[] f = line.split(":", -1);
            if (f.length != 2) {
                throw new HttpError(400, "a returned line is id:units; got '" + line + "'");
            }
            if (units.put(f[0], number("units of line " + f[0], f[1])) != null) {
                throw new HttpError(400, "line " + f[0] + " is named twice in the return");
            }
        }
        Receipt receipt = program.returnPurchase(member, IdempotencyKey.of(form.required("order")), units, at, key);
        Map<String, Object> out = balanceOf(phone, member);
        out.put("clawedBack", receipt.total(POINTS.code()));
        return out;
    }

    private MemberId member(String phone) {
        Enrolment e = phones.get(phone);
        if (e == null) {
            throw new UnknownMemberException("no member has phone number " + phone);
        }
        return e.member();
    }

    private Map<String, Object> balanceOf(String phone, MemberId member) {
        Balance b = program.ledger().balance(member, POINTS, clock.instant());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phone", phone);
        out.put("balance", b.total());
        out.put("available", b.available());
        out.put("reserved", b.reserved());
        out.put("pending", b.pending());
        return out;
    }

    private static long number(String what, String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new HttpError(400, what + " must be a whole number; got '" + text + "'");
        }
        return Long.parseLong(text);
    }

    /** The till's program: 1 point per whole 1.00 of each basket line. */
    static Evaluation evaluate(RuleContext ctx) {
        if (!(ctx.activity() instanceof Purchase purchase)) {
            return Evaluation.NOTHING;
        }
        Map<String, Long> shares = new LinkedHashMap<>();
        long total = 0;
        for (BasketLine line : purchase.lines()) {
            long points = line.amount().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
            shares.put(line.lineId(), points);
            total = Math.addExact(total, points);
        }
        if (total == 0) {
            return Evaluation.NOTHING;
        }
        return new Evaluation(List.of(new Award("base", "Points on your basket", POINTS.code(), total, shares,
                new Explanation(purchase.total().toString(), "1 pt per 1.00", "", "floor per line", ""))));
    }

    // ------------------------------------------------------------------ tiny formats

    /** Phone numbers in one canonical form, {@code +} and 8 to 15 digits, so that lookups match. */
    static final class Phone {
        private Phone() {
        }

        static String normalise(String raw) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c >= '0' && c <= '9') {
                    sb.append(c);
                } else if (c == '+' && i == 0) {
                    continue;
                } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
                    throw new HttpError(400, "phone number may hold digits, spaces, dashes and brackets only; got '"
                            + raw + "'");
                }
            }
            if (!raw.startsWith("+") || sb.length() < 8 || sb.length() > 15) {
                throw new HttpError(400, "phone number must be international, '+' and 8 to 15 digits; got '" + raw + "'");
            }
            return "+" + sb;
        }
    }

    /**
     * A form-encoded body or query string: {@code a=1&b=2}, percent- and plus-decoded as UTF-8.
     * Only {@code line} may repeat; any other repeated field is an error, not a silent choice.
     */
    static final class Form {
        private final Map<String, List<String>> fields;

        private Form(Map<String, List<String>> fields) {
            this.fields = fields;
        }

        static Form parse(String raw) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            if (raw != null && !raw.isEmpty()) {
                for (String pair : raw.split("&", -1)) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    List<String> values = fields.computeIfAbsent(name, n -> new ArrayList<>());
                    if (!values.isEmpty() && !name.equals("line")) {
                        throw new HttpError(400, "field '" + name + "' is given twice");
                    }
                    values.add(value);
                }
            }
            return new Form(fields);
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "malformed form encoding in '" + s + "'");
            }
        }

        String required(String name) {
            List<String> values = fields.get(name);
            if (values == null || values.get(0).isBlank()) {
                throw new HttpError(400, "field '" + name + "' is required");
            }
            return values.get(0).strip();
        }

        String optional(String name, String otherwise) {
            List<String> values = fields.get(name);
            return values == null || values.get(0).isBlank() ? otherwise : values.get(0).strip();
        }

        List<String> all(String name) {
            List<String> values = fields.getOrDefault(name, List.of());
            if (values.isEmpty()) {
                throw new HttpError(400, "at least one '" + name + "' field is required");
            }
            return values;
        }
    }
}
