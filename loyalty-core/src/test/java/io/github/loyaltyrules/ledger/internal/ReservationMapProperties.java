package io.github.loyaltyrules.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.LotMovement;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.ReservationStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A reservation map holds what a {@link HashMap} would, and its open view holds exactly the OPEN ones. */
class ReservationMapProperties {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Reservation reservation(int key, ReservationStatus status) {
        return new Reservation(new IdempotencyKey("r" + key), MemberId.of("m"), "PTS", 1, T0, T0.plusSeconds(60), status,
                status == ReservationStatus.OPEN ? null : T0.plusSeconds(1), List.of(new LotMovement(LotId.of(1), 0, -1)));
    }

    @Property(tries = 300)
    void openViewHoldsExactlyTheOpenReservations(
            @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 20) Integer> keys,
            @ForAll @Size(max = 80) List<ReservationStatus> statuses) {
        Map<IdempotencyKey, Reservation> model = new HashMap<>();
        ReservationMap map = ReservationMap.copyOf(Map.of());
        for (int i = 0; i < Math.min(keys.size(), statuses.size()); i++) {
            Reservation r = reservation(keys.get(i), statuses.get(i));
            ReservationMap before = map;
            Map<IdempotencyKey, Reservation> modelBefore = new HashMap<>(model);
            model.put(r.key(), r);
            map = map.plus(r.key(), r);
            assertThat(before).isEqualTo(modelBefore);
            assertThat(map).isEqualTo(model);
            assertThat(map.open()).containsExactlyInAnyOrderElementsOf(
                    model.values().stream().filter(x -> x.status() == ReservationStatus.OPEN).toList());
        }
        assertThat(ReservationMap.copyOf(new HashMap<>(model))).isEqualTo(model);
        assertThat(ReservationMap.copyOf(map)).isSameAs(map);
    }
}
