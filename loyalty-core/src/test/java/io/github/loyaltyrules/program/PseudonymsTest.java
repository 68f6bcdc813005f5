package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.MemberId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Pseudonyms are keyed hashes of the id: stable under one key, different under another, never showing the key. */
class PseudonymsTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final MemberId ANN = MemberId.of("ann");

    @Test
    void aPseudonymDependsOnTheIdTheGenerationAndTheKeyOnly() {
        Pseudonyms names = Pseudonyms.keyed(KEY);
        MemberId p = names.of(ANN, 0);

        assertThat(p.value()).matches("erased-[0-9a-f]{32}").doesNotContain("ann");
        assertThat(Pseudonyms.keyed(KEY.clone()).of(ANN, 0)).isEqualTo(p);
        assertThat(names.of(ANN, 1)).isNotEqualTo(p);
        assertThat(names.of(MemberId.of("bob"), 0)).isNotEqualTo(p);
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertThat(Pseudonyms.keyed(other).of(ANN, 0)).isNotEqualTo(p);
    }

    @Test
    void theKeyIsCopiedAndNeverShown() {
        byte[] key = KEY.clone();
        Pseudonyms names = Pseudonyms.keyed(key);
        MemberId before = names.of(ANN, 0);
        Arrays.fill(key, (byte) 0);

        assertThat(names.of(ANN, 0)).isEqualTo(before);
        assertThat(names.toString()).isEqualTo("Pseudonyms[HmacSHA256, key hidden]").doesNotContain("0123");
    }

    @Test
    void aShortKeyOrANegativeGenerationIsRefused() {
        assertThatThrownBy(() -> Pseudonyms.keyed(new byte[15])).isInstanceOf(InvalidRequestException.class)
                .hasMessage("pseudonym key must have at least 16 bytes; got 15");
        assertThatThrownBy(() -> Pseudonyms.keyed(KEY).of(ANN, -1)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("pseudonym generation must not be negative; got -1");
        assertThatThrownBy(() -> Pseudonyms.keyed(null)).isInstanceOf(NullPointerException.class);
    }
}
