package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Converts points into vouchers on a schedule: a sweep over members, like the expiry sweep. Each
 * member's conversion in a currency on a run date is one ledger redemption under a key derived from
 * the currency, the date and the member, so a run repeated (after a crash, or twice by mistake)
 * converts nothing twice; the vouchers are derived from that posting, so a repeated run hands the
 * caller the same vouchers (same codes) again and nothing is stored besides the posting.
 */
final class Vouchers {

    /** Members read per page. */
    private static final int PAGE = 500;

    private final ProgramContext context;

    Vouchers(ProgramContext context) {
        this.context = context;
    }

    VoucherRun run(Instant at, Consumer<Voucher> issue, ProgressListener listener) {
        ProgramVersion v = context.version.get();
        LocalDate runDate = at.atZone(context.ledger.zone()).toLocalDate();
        long total = countMembers();
        long scanned = 0;
        long handed = 0;
        Map<String, Long> converted = new TreeMap<>();
        MemberId after = null;
        while (true) {
            List<MemberId> page = context.ledger.members(after, PAGE);
            for (MemberId member : page) {
                scanned++;
                for (VoucherConversion c : v.voucherConversions().values()) {
                    List<Voucher> made = convert(member, c, at, runDate);
                    for (Voucher voucher : made) {
                        issue.accept(voucher);
                        handed++;
                        converted.merge(c.currency().code(), c.every(), Long::sum);
                    }
                }
                total = Math.max(total, scanned);
                listener.progress(scanned, total);
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        return new VoucherRun(at, runDate, scanned, handed, converted);
    }

    /** The vouchers of one member, currency and run date; converted now unless the run converted them before. */
    private List<Voucher> convert(MemberId member, VoucherConversion c, Instant at, LocalDate runDate) {
        IdempotencyKey key = key(c, runDate, member);
        Optional<Posting> done = context.ledger.posting(key);
        if (done.isPresent()) {
            return vouchers(done.get(), c);
        }
        if (context.ledger.account(member).status() != AccountStatus.ACTIVE) {
            return List.of();
        }
        for (int attempt = 0; ; attempt++) {
            long available = context.ledger.balance(member, c.currency(), at).available();
            long count = available / c.every();
            if (count == 0) {
                return List.of();
            }
            try {
                Posting p = context.ledger.redeem(member, Points.of(c.currency(), Math.multiplyExact(count, c.every())),
                        at, key, "vouchers: " + count + " x " + c.value());
                return vouchers(p, c);
            } catch (InsufficientPointsException spentMeanwhile) {
                if (attempt == 2) {
                    throw spentMeanwhile;
                }
            }
        }
    }

    /** The vouchers a conversion's posting made; empty if there is none. */
    List<Voucher> vouchers(MemberId member, LocalDate runDate) {
        List<Voucher> out = new ArrayList<>();
        for (VoucherConversion c : context.version.get().voucherConversions().values()) {
            context.ledger.posting(key(c, runDate, member)).ifPresent(p -> out.addAll(vouchers(p, c)));
        }
        return out;
    }

    /**
     * The vouchers a posting made if it is a conversion run's redemption (its key is one that
     * {@link #key} makes for its currency and date) of a currency the running version converts;
     * else empty. For an export: derived, like a re-run's, from the posting and the running terms.
     */
    List<Voucher> issuedBy(Posting p) {
        VoucherConversion c = context.version.get().voucherConversions().get(p.currency());
        if (c == null || p.type() != io.github.loyaltyrules.ledger.PostingType.REDEEM) {
            return List.of();
        }
        String stem = "vouchers/" + p.currency() + "/" + p.at().atZone(context.ledger.zone()).toLocalDate() + "/";
        String key = p.key().value();
        if (!key.startsWith(stem) || key.length() != stem.length() + 32
                || !key.substring(stem.length()).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            return List.of();
        }
        return vouchers(p, c);
    }

    private List<Voucher> vouchers(Posting p, VoucherConversion c) {
        long count = p.amount() / c.every();
        Instant expires = c.validity() == null ? null
                : p.at().atZone(context.ledger.zone()).plus(c.validity()).toInstant();
        String stem = code(p.key());
        List<Voucher> out = new ArrayList<>();
        for (long n = 1; n <= count; n++) {
            out.add(new Voucher(stem + "-" + n, p.member(), c.value(), c.everyPoints(), p.at(), expires, p.key()));
        }
        return out;
    }

    /**
     * The ledger key of a member's conversion of a currency on a run date: the member appears as a hash
     * of their id, so that no key holds a member's id (an erased member's postings keep their keys).
     */
    static IdempotencyKey key(VoucherConversion c, LocalDate runDate, MemberId member) {
        return new IdempotencyKey("vouchers/" + c.currency().code() + "/" + runDate + "/" + hex(member.value(), 16));
    }

    /** A voucher code stem from the posting's key: the same on every run, without the member's id in it. */
    private static String code(IdempotencyKey key) {
        return "V-" + hex(key.value(), 8);
    }

    /** The first {@code bytes} bytes of the SHA-256 of a text, in upper-case hex. */
    static String hex(String text, int bytes) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(bytes * 2);
            for (int i = 0; i < bytes; i++) {
                sb.append(Character.toUpperCase(Character.forDigit((h[i] >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(h[i] & 0xF, 16)));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private long countMembers() {
        long n = 0;
        MemberId after = null;
        while (true) {
            List<MemberId> page = context.ledger.members(after, PAGE);
            n += page.size();
            if (page.size() < PAGE) {
                return n;
            }
            after = page.get(page.size() - 1);
        }
    }
}
