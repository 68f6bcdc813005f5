/**
 * Loyalty core: the points ledger, point currencies, expiry policies, reports and the store SPI.
 * No dependencies beyond {@code java.base}.
 */
module io.github.loyaltyrules.core {
    exports io.github.loyaltyrules.ledger;
    exports io.github.loyaltyrules.ledger.spi;
    exports io.github.loyaltyrules.expiry;
    exports io.github.loyaltyrules.rule;
    exports io.github.loyaltyrules.rule.internal to io.github.loyaltyrules.rules;
    exports io.github.loyaltyrules.ledger.internal to io.github.loyaltyrules.rules;
    exports io.github.loyaltyrules.program;
    exports io.github.loyaltyrules.program.spi;
    exports io.github.loyaltyrules.tier;
    exports io.github.loyaltyrules.tier.spi;
    exports io.github.loyaltyrules.report;
    exports io.github.loyaltyrules.feed;
    exports io.github.loyaltyrules.engagement;
    exports io.github.loyaltyrules.engagement.spi;
}
