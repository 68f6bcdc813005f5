/**
 * Where challenge progress is kept: the {@link io.github.loyaltyrules.engagement.spi.ChallengeStore} SPI,
 * its records and an in-memory implementation. loyalty-jdbc has a durable one.
 */
package io.github.loyaltyrules.engagement.spi;
