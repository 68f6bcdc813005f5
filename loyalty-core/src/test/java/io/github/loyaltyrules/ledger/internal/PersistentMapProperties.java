package io.github.loyaltyrules.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** A persistent map behaves as a {@link HashMap} after any sequence of additions and removals, and never changes. */
class PersistentMapProperties {

    /** A key whose hash the test chooses, so that keys collide in some or all bits of their hash. */
    record Key(int id, int hash) {
        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.id == id;
        }
    }

    /** Put a key (value {@code value}) or remove it ({@code value} &lt; 0). */
    record Step(Key key, int value) {
    }

    /** The hash of key {@code id} in one of a few shapes: all equal, few distinct, equal low or high bits, any. */
    static int hash(int shape, int id) {
        switch (shape) {
            case 0: return 7;
            case 1: return id % 3;
            case 2: return (id % 5) << 25;
            case 3: return id * 0x2000_0000;
            case 4: return id & 7 | 0x7fff_fff0;
            case 5: return id * 0x9E37_79B9;
            case 6: return id % 4 | id << 5; // below the root, every slot, the last (bit 31) too
            default: return id;
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        // few ids so that keys are replaced and removed often
        return Arbitraries.integers().between(0, 7).flatMap(shape -> {
            Arbitrary<Key> keys = Arbitraries.integers().between(0, 60).map(id -> new Key(id, hash(shape, id)));
            Arbitrary<Step> step = Combinators.combine(keys, Arbitraries.integers().between(-3, 100)).as(Step::new);
            return step.list().ofMaxSize(300);
        });
    }

    @Property(tries = 300)
    void behavesAsAHashMapAndNeverChanges(@ForAll("steps") List<Step> steps) {
        Map<Key, Integer> model = new HashMap<>();
        PersistentMap<Key, Integer> map = PersistentMap.empty();
        List<PersistentMap<Key, Integer>> versions = new ArrayList<>();
        List<Map<Key, Integer>> expected = new ArrayList<>();
        for (Step s : steps) {
            if (s.value() < 0) {
                model.remove(s.key());
                map = map.minus(s.key());
            } else {
                model.put(s.key(), s.value());
                map = map.plus(s.key(), s.value());
            }
            versions.add(map);
            expected.add(new HashMap<>(model));
            assertThat(map.size()).isEqualTo(model.size());
            assertThat(map.get(s.key())).isEqualTo(model.get(s.key()));
        }
        for (int i = 0; i < versions.size(); i++) {
            PersistentMap<Key, Integer> v = versions.get(i);
            Map<Key, Integer> m = expected.get(i);
            assertThat(v).isEqualTo(m);
            assertThat(m).isEqualTo(v);
            assertThat(v.hashCode()).isEqualTo(m.hashCode());
            Set<Key> seen = new HashSet<>();
            for (Map.Entry<Key, Integer> e : v.entrySet()) {
                assertThat(seen.add(e.getKey())).as("each key once").isTrue();
                assertThat(m).containsEntry(e.getKey(), e.getValue());
            }
            assertThat(seen).hasSize(m.size());
            for (Key k : m.keySet()) {
                assertThat(v.get(k)).isEqualTo(m.get(k));
                assertThat(v.containsKey(k)).isTrue();
            }
        }
    }

    @Property(tries = 100)
    void copyOfHoldsTheSameMappings(@ForAll @Size(max = 200) Map<String, Integer> source) {
        PersistentMap<String, Integer> copy = PersistentMap.copyOf(source);
        assertThat(copy).isEqualTo(source).hasSize(source.size());
        assertThat(PersistentMap.copyOf(copy)).isSameAs(copy);
    }

    @Test
    void rejectsNullsAndMutation() {
        PersistentMap<String, Integer> map = PersistentMap.<String, Integer>empty().plus("a", 1);
        assertThatThrownBy(() -> map.plus(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> map.plus("b", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> map.minus(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> map.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(map.get(null)).isNull();
        assertThat(map.minus("zz")).isSameAs(map);
        assertThat(map).containsExactly(Map.entry("a", 1));
    }
}
