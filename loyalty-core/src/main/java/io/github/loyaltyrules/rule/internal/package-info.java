/**
 * Internals shared by loyalty-core and the default rule engine (exported to loyalty-rules only):
 * not API, may change in any release.
 */
package io.github.loyaltyrules.rule.internal;
