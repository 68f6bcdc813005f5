package io.github.loyaltyrules.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.OutsideWindowException;
import io.github.loyaltyrules.ledger.spi.Sequenced;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The change feed's log against a plain deque: appends with stamps, drops of the oldest while their
 * stamps are below a bound (in batches), and reads of pages, in any order and across the array's
 * moves and growth.
 */
class FeedLogProperties {


    @Property(tries = 300)
    void stampedDropsAndReadsAgreeWithADeque(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 200) Integer> raw) {
        FeedLog<Long> log = new FeedLog<>();
        Deque<Long> model = new ArrayDeque<>(); // values are their own stamps
        long next = 0;
        long dropped = 0; // positions dropped so far
        for (int i = 0; i < raw.size(); i++) {
            int r = raw.get(i);
            switch (r % 3) {
                case 0 -> {
                    for (int k = 0; k < r; k++) {
                        long value = next;
                        next += k % 3 == 0 ? 0 : 1; // equal stamps in a row too
                        assertThat(log.append(value, value)).isEqualTo(dropped + model.size() + 1);
                        model.addLast(value);
                    }
                }
                case 1 -> {
                    long bound = next - r / 2;
                    int max = 1 + r % 7 * 10;
                    List<Long> out = new ArrayList<>();
                    int n = log.dropOlderThan(bound, max, out);
                    List<Long> expected = new ArrayList<>();
                    while (expected.size() < max && !model.isEmpty() && model.peekFirst() < bound) {
                        expected.add(model.pollFirst());
                    }
                    dropped += expected.size();
                    assertThat(out).isEqualTo(expected);
                    assertThat(n).isEqualTo(expected.size());
                }
                default -> {
                    List<Sequenced<Long>> page = log.after(dropped, 1_000_000, "values");
                    assertThat(page).extracting(Sequenced::value).containsExactlyElementsOf(model);
                }
            }
        }
    }

    @Test
    void aLogIsStampedThroughoutOrNotAtAll() {
        FeedLog<String> plain = new FeedLog<>();
        plain.append("a");
        assertThatThrownBy(() -> plain.append("b", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all stamped or none");
        assertThatThrownBy(() -> plain.dropOlderThan(5, 10, new ArrayList<>())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without stamps");
        assertThat(plain.after(0, 10, "values")).extracting(Sequenced::value).containsExactly("a");
    }

    @Test
    void readingFromBeforeWhatWasDroppedIsRefused() {
        FeedLog<String> log = new FeedLog<>();
        log.append("a", 1);
        log.append("b", 2);
        log.append("c", 3);
        List<String> out = new ArrayList<>();
        assertThat(log.dropOlderThan(3, 10, out)).isEqualTo(2);
        assertThat(out).containsExactly("a", "b");
        assertThatThrownBy(() -> log.after(0, 10, "values")).isInstanceOf(OutsideWindowException.class);
        assertThat(log.after(2, 10, "values")).extracting(Sequenced::position).containsExactly(3L);
    }
}
