package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.UnknownMemberException;

/**
 * Erases members for a program: picks the pseudonym and moves the member to it in the ledger, the
 * tier engine and the program store, in that order, each store atomically. A retry after a failure
 * part-way finds the same pseudonym (the ledger, moved first, tells which) and completes the rest.
 */
final class Erasures {

    /** How many times one id may be erased (and enrolled again); far beyond any real case. */
    private static final int MAX_GENERATIONS = 1000;

    private final ProgramContext context;
    private final Pseudonyms pseudonyms;

    Erasures(ProgramContext context, Pseudonyms pseudonyms) {
        this.context = context;
        this.pseudonyms = pseudonyms;
    }

    MemberId erase(MemberId member) {
        if (member == null) {
            throw new NullPointerException("member must not be null");
        }
        if (pseudonyms == null) {
            throw new InvalidRequestException("erasing member " + member + " needs a pseudonym key; build the program"
                    + " with LoyaltyProgram.builder(ledger, version).pseudonyms(Pseudonyms.keyed(secret))");
        }
        synchronized (context.lock(member)) {
            if (member.value().startsWith(Pseudonyms.PREFIX) && enrolled(member)) {
                return member; // a pseudonym holds no personal data: erasing it is a no-op
            }
            MemberId pseudonym = pseudonym(member);
            context.ledger.pseudonymise(member, pseudonym);
            if (context.tierEngine != null) {
                context.tierEngine.pseudonymise(member, pseudonym);
            }
            context.store.pseudonymise(member, pseudonym);
            context.challengeStore.pseudonymise(member, pseudonym);
            // the engines' own counters by member (per-member caps); engines of several versions may share them
            java.util.Set<io.github.loyaltyrules.rule.RuleEngine> told = java.util.Collections.newSetFromMap(
                    new java.util.IdentityHashMap<>());
            told.add(context.version.get().engine());
            told.addAll(context.versions.values().stream().map(ProgramVersion::engine).toList());
            for (io.github.loyaltyrules.rule.RuleEngine engine : told) {
                engine.erased(member, pseudonym);
            }
            return pseudonym;
        }
    }

    /**
     * The pseudonym to move an enrolled member to (the first of its sequence that is not enrolled), or
     * the one an erased member was moved to (the last that is).
     */
    private MemberId pseudonym(MemberId member) {
        boolean enrolled = enrolled(member);
        MemberId last = null;
        for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
            MemberId candidate = pseudonyms.of(member, generation);
            if (!enrolled(candidate)) {
                if (enrolled) {
                    return candidate;
                }
                if (last == null) {
                    throw new UnknownMemberException("member " + member + " is not enrolled and was not erased"
                            + " under this pseudonym key; only an enrolled member can be erased");
                }
                return last;
            }
            last = candidate;
        }
        throw new InvalidRequestException("member " + member + " was erased " + MAX_GENERATIONS + " times; no more"
                + " pseudonyms are made for one id");
    }

    private boolean enrolled(MemberId member) {
        try {
            context.ledger.account(member);
            return true;
        } catch (UnknownMemberException e) {
            return false;
        }
    }
}
