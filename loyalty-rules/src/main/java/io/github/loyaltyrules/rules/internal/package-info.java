/**
 * Internals of the rule engine: built-in condition nodes, the rule index and exact allocation.
 * Not exported; nothing here is API.
 */
package io.github.loyaltyrules.rules.internal;
