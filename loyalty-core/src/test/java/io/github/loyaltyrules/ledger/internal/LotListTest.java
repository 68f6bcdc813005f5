package io.github.loyaltyrules.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LotListTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Lot lot(long id) {
        return new Lot(LotId.of(id), "PTS", 10, 10, T0, T0, null, new IdempotencyKey("k" + id), T0);
    }

    @Test
    void appendsNeverChangeTheListTheyStartFrom() {
        LotList base = LotList.copyOf(List.of(lot(1), lot(2)));
        LotList a = base.plus(lot(3));
        LotList b = base.plus(lot(4));
        LotList a2 = a.plus(lot(5));
        LotList b2 = b.plus(lot(6));
        assertThat(base).containsExactly(lot(1), lot(2));
        assertThat(a).containsExactly(lot(1), lot(2), lot(3));
        assertThat(b).containsExactly(lot(1), lot(2), lot(4));
        assertThat(a2).containsExactly(lot(1), lot(2), lot(3), lot(5));
        assertThat(b2).containsExactly(lot(1), lot(2), lot(4), lot(6));
        assertThat(a2).isEqualTo(List.of(lot(1), lot(2), lot(3), lot(5))).hasSameHashCodeAs(
                List.of(lot(1), lot(2), lot(3), lot(5)));
    }

    @Test
    void growsPastItsArrayAndStaysUnmodifiable() {
        LotList list = LotList.copyOf(List.of());
        List<Lot> expected = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            list = list.plus(lot(i));
            expected.add(lot(i));
        }
        assertThat(list).isEqualTo(expected);
        assertThat(list.remaining()).isEqualTo(1000);
        assertThat(LotList.copyOf(List.of(lot(1), lot(2))).plus(lot(3)).remaining()).isEqualTo(30);
        assertThat(LotList.copyOf(list)).isSameAs(list);
        LotList fixed = list;
        assertThatThrownBy(() -> fixed.add(lot(101))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fixed.set(0, lot(101))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fixed.get(100)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> fixed.plus(null)).isInstanceOf(NullPointerException.class);
    }
}
