/**
 * The program store SPI: where {@link io.github.loyaltyrules.program.LoyaltyProgram} keeps what is not
 * points (members' profiles and reward counts, what each purchase, event and return recorded, which
 * kind of operation a caller key is bound to), so that several application servers share it and it
 * survives a restart. {@link io.github.loyaltyrules.program.spi.InMemoryProgramStore} is the default;
 * {@code loyalty-jdbc} has a durable one.
 *
 * <p>Every change is a compare-and-set on a version or a keyed insert, so two servers never both win.
 */
package io.github.loyaltyrules.program.spi;
