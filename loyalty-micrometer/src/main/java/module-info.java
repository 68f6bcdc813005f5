/**
 * An optional binding of loyalty-core's {@code LedgerMetrics} to a Micrometer {@code MeterRegistry}.
 */
module io.github.loyaltyrules.micrometer {
    requires transitive io.github.loyaltyrules.core;
    requires transitive micrometer.core;

    exports io.github.loyaltyrules.micrometer;
}
