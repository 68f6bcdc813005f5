/**
 * An optional Jackson module for loyalty-core's value types: ids as plain strings, money and points as
 * small objects with exact amounts, ledger and program records as plain objects.
 */
module io.github.loyaltyrules.jackson {
    requires transitive io.github.loyaltyrules.core;
    requires transitive com.fasterxml.jackson.databind;

    exports io.github.loyaltyrules.jackson;

    // Jackson reads the package-private mixins' annotations reflectively.
    opens io.github.loyaltyrules.jackson to com.fasterxml.jackson.databind;
}
