/**
 * JSON for loyalty-core's value types with Jackson: register {@link io.github.loyaltyrules.jackson.LoyaltyModule}
 * on an {@code ObjectMapper}, built with the program's point currencies to read points.
 */
package io.github.loyaltyrules.jackson;
