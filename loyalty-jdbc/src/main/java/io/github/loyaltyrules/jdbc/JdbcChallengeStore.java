package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.engagement.Badge;
import io.github.loyaltyrules.engagement.spi.ChallengeCommit;
import io.github.loyaltyrules.engagement.spi.ChallengeStore;
import io.github.loyaltyrules.engagement.spi.ContributionRecord;
import io.github.loyaltyrules.engagement.spi.ProgressRecord;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.spi.CommitResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link ChallengeStore} in a relational database over plain JDBC (PostgreSQL, H2), in the tables
 * {@code loyalty_challenge_progress} and {@code loyalty_challenge_contribution} that
 * {@link JdbcLedgerStore#migrate()} creates (script {@code V17__challenges.sql}), and the members'
 * badges in {@code loyalty_challenge_badge} (script {@code V20__challenge_badges.sql}), all keyed by
 * member first. Give it to the facade with the program store over the same database:
 * {@code LoyaltyProgram.builder(ledger, version).store(JdbcProgramStore.of(ds)).challengeStore(JdbcChallengeStore.of(ds))}.
 *
 * <p>A commit is one transaction: each of its two rows is inserted at version 1 under its primary key,
 * or updated where its version is still the one the program read; if either fails, both are rolled
 * back and the program reads again. So with several servers exactly one writer moves a window.
 *
 * @since 0.1.0
 */
public final class JdbcChallengeStore implements ChallengeStore {


    private final DataSource dataSource;
    private final TransactionOwner owner;

    private JdbcChallengeStore(DataSource dataSource, TransactionOwner owner) {
        this.dataSource = dataSource;
        this.owner = owner;
    }

    /**
     * Returns a store over a data source whose schema is migrated.
     *
     * @param dataSource where connections come from
     * @return the store
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static JdbcChallengeStore of(DataSource dataSource) {
        return new JdbcChallengeStore(Objects.requireNonNull(dataSource, "data source must not be null"),
                TransactionOwner.STORE);
    }

    /**
     * Returns a copy that writes inside the caller's transaction when its connection is in one, or
     * always in transactions of its own (the default): see {@link JdbcLedgerStore#withTransactionOwner}.
     *
     * @param owner who commits
     * @return the copy
     * @throws NullPointerException if {@code owner} is null
     */
    public JdbcChallengeStore withTransactionOwner(TransactionOwner owner) {
        return new JdbcChallengeStore(dataSource, Objects.requireNonNull(owner, "transaction owner must not be null"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public Optional<ProgressRecord> progress(MemberId member, String challenge, String window) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(challenge, "challenge must not be null");
        Objects.requireNonNull(window, "window must not be null");
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT version, progress, state FROM loyalty_challenge_progress"
                        + " WHERE member_id = ? AND challenge_id = ? AND window_key = ?")) {
            p.setString(1, member.value());
            p.setString(2, challenge);
            p.setString(3, window);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ChallengeCodec.State s = ChallengeCodec.read(rs.getString(3));
                return Optional.of(new ProgressRecord(member, challenge, window, rs.getLong(1), rs.getLong(2), s.stores(),
                        s.completions()));
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read the progress of member " + member + " on challenge " + challenge
                    + ": " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public Optional<ContributionRecord> contribution(MemberId member, String challenge, IdempotencyKey purchase) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(challenge, "challenge must not be null");
        Objects.requireNonNull(purchase, "purchase must not be null");
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT window_key, version, contribution, store_id FROM loyalty_challenge_contribution"
                        + " WHERE member_id = ? AND challenge_id = ? AND purchase_key = ?")) {
            p.setString(1, member.value());
            p.setString(2, challenge);
            p.setString(3, purchase.value());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new ContributionRecord(member, challenge, purchase, rs.getString(1),
                        rs.getLong(2), rs.getLong(3), rs.getString(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read what purchase '" + purchase + "' adds to challenge " + challenge
                    + ": " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public CommitResult commit(ChallengeCommit commit) {
        Objects.requireNonNull(commit, "commit must not be null");
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, owner, t -> apply(t, commit), r -> r == CommitResult.APPLIED);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not commit challenge progress: " + JdbcStoreException.describe(e), e);
        }
    }

    private static CommitResult apply(Connection c, ChallengeCommit commit) throws SQLException {
        ProgressRecord p = commit.progress();
        ContributionRecord k = commit.contribution();
        String state = ChallengeCodec.write(p.stores(), p.completions());
        boolean progressed = p.version() == 1
                ? insert(c, "INSERT INTO loyalty_challenge_progress (member_id, challenge_id, window_key, version, progress,"
                        + " state) VALUES (?, ?, ?, 1, ?, ?)", p.member().value(), p.challenge(), p.window(), p.value(), state)
                : update(c, "UPDATE loyalty_challenge_progress SET version = ?, progress = ?, state = ? WHERE member_id = ?"
                        + " AND challenge_id = ? AND window_key = ? AND version = ?", p.version(), p.value(), state,
                        p.member().value(), p.challenge(), p.window(), p.version() - 1);
        if (!progressed) {
            return CommitResult.STALE;
        }
        boolean counted = k.version() == 1
                ? insert(c, "INSERT INTO loyalty_challenge_contribution (member_id, challenge_id, purchase_key, window_key,"
                        + " version, contribution, store_id) VALUES (?, ?, ?, ?, 1, ?, ?)", k.member().value(), k.challenge(),
                        k.purchase().value(), k.window(), k.value(), k.store())
                : update(c, "UPDATE loyalty_challenge_contribution SET version = ?, contribution = ? WHERE member_id = ?"
                        + " AND challenge_id = ? AND purchase_key = ? AND version = ?", k.version(), k.value(),
                        k.member().value(), k.challenge(), k.purchase().value(), k.version() - 1);
        return counted ? CommitResult.APPLIED : CommitResult.STALE;
    }

    private static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Long n) {
                p.setLong(i + 1, n);
            } else {
                p.setString(i + 1, (String) args[i]);
            }
        }
    }

    private static boolean insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Transactions.duplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            return p.executeUpdate() == 1;
        }
    }

    /**
     * {@inheritDoc} One insert, in a transaction, unless the member's row of that badge exists (a
     * concurrent insert that wins the key makes this one report false).
     *
     * @throws JdbcStoreException if the database fails; nothing is changed then
     */
    @Override
    public boolean award(MemberId member, Badge badge) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(badge, "badge must not be null");
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, owner, t -> {
                try (PreparedStatement p = t.prepareStatement("INSERT INTO loyalty_challenge_badge (member_id, badge_id,"
                        + " challenge_id, earned_at, purchase_key) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1"
                        + " FROM loyalty_challenge_badge WHERE member_id = ? AND badge_id = ?)")) {
                    bind(p, member.value(), badge.id(), badge.challenge(), badge.at().toString(),
                            badge.purchase().value(), member.value(), badge.id());
                    return p.executeUpdate() == 1;
                }
            }, r -> r);
        } catch (SQLException e) {
            if (Transactions.duplicate(e)) {
                return false;
            }
            throw new JdbcStoreException("could not award badge " + badge.id() + " to member " + member + ": "
                    + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public List<Badge> badges(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT badge_id, challenge_id, earned_at, purchase_key FROM loyalty_challenge_badge WHERE member_id = ?")) {
            p.setString(1, member.value());
            List<Badge> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Badge(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)),
                            new IdempotencyKey(rs.getString(4))));
                }
            }
            out.sort(Comparator.comparing(Badge::at).thenComparing(Badge::id));
            return out;
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read the badges of member " + member + ": "
                    + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public List<ProgressRecord> progressOf(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT challenge_id, window_key, version, progress, state FROM loyalty_challenge_progress"
                        + " WHERE member_id = ? ORDER BY challenge_id, window_key")) {
            p.setString(1, member.value());
            List<ProgressRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ChallengeCodec.State s = ChallengeCodec.read(rs.getString(5));
                    out.add(new ProgressRecord(member, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            s.stores(), s.completions()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read the challenge progress of member " + member + ": "
                    + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc} In one transaction.
     *
     * @throws JdbcStoreException if the database fails; nothing is changed then
     */
    @Override
    public boolean pseudonymise(MemberId from, MemberId to) {
        Objects.requireNonNull(from, "member must not be null");
        Objects.requireNonNull(to, "pseudonym must not be null");
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, owner, t -> {
                int moved = 0;
                for (String table : List.of("loyalty_challenge_progress", "loyalty_challenge_contribution",
                        "loyalty_challenge_badge")) {
                    try (PreparedStatement p = t.prepareStatement("UPDATE " + table + " SET member_id = ? WHERE member_id = ?")) {
                        p.setString(1, to.value());
                        p.setString(2, from.value());
                        moved += p.executeUpdate();
                    }
                }
                return moved > 0;
            }, r -> true);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not move the challenge progress of member " + from
                    + " to a pseudonym (rolled back; retrying is safe): " + JdbcStoreException.describe(e), e);
        }
    }
}
