package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.spi.Reversed;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.spi.TierState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The read a point of sale makes on every purchase, in one round trip: a member's balances and
 * current tier come from one SQL statement that reads the member's working set (member row joined
 * with the tier engine's, purses, open lots and open reservations), and are then computed in memory
 * exactly as {@link Ledger#balance(MemberId, PointCurrency)} and
 * {@link TierEngine#tierAt(MemberId, Instant)} compute them.
 *
 * <p>The ledger must use a {@link JdbcLedgerStore} and the engine a {@link JdbcTierStore} over the
 * same database as the data source given here. Thread-safe.
 *
 * @since 0.1.0
 */
public final class JdbcPosReader {

    private final DataSource dataSource;
    private final Ledger ledger;
    private final TierEngine tiers;

    private JdbcPosReader(DataSource dataSource, Ledger ledger, TierEngine tiers) {
        this.dataSource = dataSource;
        this.ledger = ledger;
        this.tiers = tiers;
    }

    /**
     * Returns a reader over the database that a ledger and a tier engine keep their state in.
     *
     * @param dataSource where connections come from: the database of the ledger's and the engine's stores
     * @param ledger the ledger, for its zone, clock and currencies
     * @param tiers the tier engine, for its ladder
     * @return the reader
     * @throws NullPointerException if an argument is null
     */
    public static JdbcPosReader of(DataSource dataSource, Ledger ledger, TierEngine tiers) {
        return new JdbcPosReader(Objects.requireNonNull(dataSource, "data source must not be null"),
                Objects.requireNonNull(ledger, "ledger must not be null"),
                Objects.requireNonNull(tiers, "tier engine must not be null"));
    }

    /**
     * Reads a member's balances in every currency and current tier, now by the ledger's clock, with one
     * SQL statement.
     *
     * @param member the member
     * @return the snapshot
     * @throws NullPointerException if {@code member} is null
     * @throws UnknownMemberException if the member is not enrolled in the ledger
     * @throws JdbcStoreException if the database fails
     */
    public PosSnapshot read(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        BookQuery.Read read;
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(BookQuery.SQL_WITH_TIER)) {
            BookQuery.bind(p, true, member);
            try (ResultSet rs = p.executeQuery()) {
                read = BookQuery.read(member, rs, true);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read the balances and tier of member " + member + ": "
                    + JdbcStoreException.describe(e), e);
        }
        if (read == null) {
            throw new UnknownMemberException("member " + member + " is not enrolled in the ledger");
        }
        String state = read.extra();
        Instant now = ledger.clock().instant();
        Ledger.Builder view = Ledger.builder().zone(ledger.zone()).clock(Clock.fixed(now, ledger.zone()))
                .store(new OneBook(read.book()));
        for (PointCurrency currency : ledger.currencies().values()) {
            view.currency(currency);
        }
        Ledger oneBook = view.build();
        Map<String, Balance> balances = new LinkedHashMap<>();
        for (PointCurrency currency : ledger.currencies().values()) {
            balances.put(currency.code(), oneBook.balance(member, currency));
        }
        TierState tierState = state == null ? null : Codec.tierState(state);
        return new PosSnapshot(member, now, balances,
                tierState == null ? tiers.ladder().base() : tiers.tierAt(tierState, now));
    }

    /** A read-only store holding the one book just read, so that the ledger computes the balances from it. */
    private static final class OneBook implements LedgerStore {
        private final MemberBook book;

        OneBook(MemberBook book) {
            this.book = book;
        }

        @Override
        public Optional<MemberBook> book(MemberId member) {
            return book.account().member().equals(member) ? Optional.of(book) : Optional.empty();
        }

        @Override
        public Optional<Posting> posting(IdempotencyKey key) {
            return Optional.empty();
        }

        @Override
        public Optional<Lot> lot(MemberId member, LotId lot) {
            return Optional.empty();
        }

        @Override
        public List<Lot> lots(MemberId member, String currency) {
            return List.of();
        }

        @Override
        public Optional<Reservation> reservation(MemberId member, IdempotencyKey key) {
            return Optional.ofNullable(book(member).map(b -> b.reservations().get(key)).orElse(null));
        }

        @Override
        public List<Reservation> reservations(MemberId member) {
            return book(member).map(b -> List.copyOf(b.reservations().values())).orElse(List.of());
        }

        @Override
        public Optional<Reversed> reversed(MemberId member, IdempotencyKey posting) {
            return Optional.empty();
        }

        @Override
        public List<Entry> entries(MemberId member) {
            return List.of();
        }

        @Override
        public List<io.github.loyaltyrules.ledger.spi.LiftedHold> liftedHolds(MemberId member, String currency) {
            return List.of();
        }

        @Override
        public List<MemberId> members(MemberId after, int limit) {
            return List.of();
        }

        @Override
        public CommitResult apply(Commit commit) {
            throw new UnsupportedOperationException("the point-of-sale read is read-only");
        }
    }
}
