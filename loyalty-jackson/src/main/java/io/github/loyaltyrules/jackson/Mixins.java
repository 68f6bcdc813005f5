package io.github.loyaltyrules.jackson;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;

/**
 * Mixins for the library's records: exactly their components, in declaration order, instants as ISO-8601 text.
 * Properties are the record components (Jackson's record support); the library's records have no getter-like
 * {@code isX()}/{@code getX()} methods, and the exact-JSON tests fail if one ever adds a property.
 */
final class Mixins {

    private Mixins() {
    }

    /** The record's components only: the exact-JSON tests show no getter-like method adds a property. */
    abstract static class RecordMixin {
    }

    @JsonPropertyOrder({"member", "currency", "asOf", "total", "available", "pending", "reserved", "expired", "debt"})
    abstract static class BalanceMixin extends RecordMixin {
        @JsonSerialize(using = InstantText.Writer.class)
        @JsonDeserialize(using = InstantText.Reader.class)
        abstract Instant asOf();
    }

    @JsonPropertyOrder({"id", "currency", "original", "remaining", "earnedAt", "availableAt", "expiresAt", "source",
        "lastMovementAt"})
    abstract static class LotMixin extends RecordMixin {
        @JsonSerialize(using = InstantText.Writer.class)
        @JsonDeserialize(using = InstantText.Reader.class)
        abstract Instant earnedAt();

        @JsonSerialize(using = InstantText.Writer.class)
        @JsonDeserialize(using = InstantText.Reader.class)
        abstract Instant availableAt();

        @JsonSerialize(using = InstantText.Writer.class)
        @JsonDeserialize(using = InstantText.Reader.class)
        abstract Instant expiresAt();

        @JsonSerialize(using = InstantText.Writer.class)
        @JsonDeserialize(using = InstantText.Reader.class)
        abstract Instant lastMovementAt();
    }

    @JsonPropertyOrder({"sequence", "posting", "postingType", "type", "member", "currency", "amount", "heldDelta",
        "debtDelta", "at", "reason", "lots"})
    abstract static class EntryMixin extends RecordMixin {
        @JsonSerialize(using = InstantText.Writer.class)
        @JsonDeserialize(using = InstantText.Reader.class)
        abstract Instant at();
    }

    @JsonPropertyOrder({"lot", "delta", "heldDelta"})
    abstract static class LotMovementMixin extends RecordMixin {
    }

    @JsonPropertyOrder({"key", "type", "member", "counterparty", "currency", "amount", "at", "reason", "target",
        "fingerprint", "entries"})
    abstract static class PostingMixin extends RecordMixin {
        @JsonSerialize(using = InstantText.Writer.class)
        @JsonDeserialize(using = InstantText.Reader.class)
        abstract Instant at();
    }

    @JsonPropertyOrder({"key", "member", "programVersion", "at", "awards", "postings", "clawBack"})
    abstract static class ReceiptMixin extends RecordMixin {
        @JsonSerialize(using = InstantText.Writer.class)
        @JsonDeserialize(using = InstantText.Reader.class)
        abstract Instant at();
    }

    @JsonPropertyOrder({"ruleId", "ruleName", "currency", "amount", "lineShares", "explanation"})
    abstract static class AwardMixin extends RecordMixin {
    }

    @JsonPropertyOrder({"base", "rate", "multiplier", "rounding", "cap"})
    abstract static class ExplanationMixin extends RecordMixin {
    }
}
