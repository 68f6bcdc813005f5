/**
 * Expiry policies: when earned points stop being usable.
 *
 * <p>A {@link io.github.loyaltyrules.expiry.ExpiryPolicy} is attached to a point currency and
 * computes, in the program's time zone, the instant a lot expires (never, a fixed term, the end of
 * a calendar period or of one anchored on another day, such as a fiscal year from 1 October) and
 * the instant all points lapse after inactivity.
 */
package io.github.loyaltyrules.expiry;
