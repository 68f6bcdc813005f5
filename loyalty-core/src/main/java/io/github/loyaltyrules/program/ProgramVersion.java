package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.rule.RuleEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One immutable version of a program's terms: its id, the rule engine that decides awards, and
 * the rewards catalogue. A {@link LoyaltyProgram} runs exactly one version at a time and can swap
 * to another atomically; every receipt names the version that computed it.
 *
 * @param id the version id, e.g. "2026-11-spring-promo"; not blank
 * @param engine the rule engine
 * @param rewards the rewards catalogue by reward id
 */
public record ProgramVersion(String id, RuleEngine engine, Map<String, Reward> rewards) {

    /**
     * Validates the version and makes its catalogue unmodifiable.
     *
     * @param id the version id, e.g. "2026-11-spring-promo"; not blank
     * @param engine the rule engine
     * @param rewards the rewards catalogue by reward id
     * @throws NullPointerException if a component is null
     * @throws InvalidRequestException if the id is blank
     */
    public ProgramVersion {
        Objects.requireNonNull(id, "program version id must not be null");
        Objects.requireNonNull(engine, "rule engine must not be null");
        Objects.requireNonNull(rewards, "rewards must not be null");
        if (id.isBlank()) {
            throw new InvalidRequestException("program version id must not be blank");
        }
        rewards = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rewards));
    }

    /**
     * Returns a version with the given rewards.
     *
     * @param id the version id
     * @param engine the rule engine
     * @param rewards the rewards; ids must be unique
     * @return the version
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the id is blank or two rewards share an id
     */
    public static ProgramVersion of(String id, RuleEngine engine, List<Reward> rewards) {
        Map<String, Reward> byId = new LinkedHashMap<>();
        for (Reward r : Objects.requireNonNull(rewards, "rewards must not be null")) {
            if (byId.put(r.id(), r) != null) {
                throw new InvalidRequestException("reward id '" + r.id() + "' appears twice in program version " + id
                        + "; reward ids must be unique");
            }
        }
        return new ProgramVersion(id, engine, byId);
    }
}
