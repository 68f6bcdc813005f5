package io.github.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Merging the index's hit lists gives every ordinal once, ascending, whether the hits are few (each
 * inserted into the sorted buffer) or many (copied and sorted), and however the lists overlap.
 */
class ScratchMergeProperties {

    @Property(tries = 500)
    void mergeIsTheSortedUnionOfTheHitLists(
            @ForAll @Size(max = 8) List<@Size(max = 12) List<@IntRange(min = 0, max = 40) Integer>> lists) {
        check(lists);
    }

    @Property(tries = 200)
    void manyHitsMergeAlikeToo(
            @ForAll @Size(min = 2, max = 6) List<@Size(min = 10, max = 40) List<@IntRange(min = 0, max = 300) Integer>> lists) {
        check(lists);
    }

    private static void check(List<List<Integer>> lists) {
        Scratch s = Scratch.acquire();
        try {
            TreeSet<Integer> union = new TreeSet<>();
            for (List<Integer> list : lists) {
                int[] hits = new TreeSet<>(list).stream().mapToInt(Integer::intValue).toArray(); // as the index holds them
                s.hit(hits);
                for (int h : hits) {
                    union.add(h);
                }
            }
            int n = s.merge();

            assertThat(Arrays.copyOf(s.list == null ? new int[0] : s.list, n))
                    .containsExactly(union.stream().mapToInt(Integer::intValue).toArray());
        } finally {
            s.release();
        }
    }
}
