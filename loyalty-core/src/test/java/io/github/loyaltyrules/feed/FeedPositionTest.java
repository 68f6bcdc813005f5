package io.github.loyaltyrules.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.spi.Sequenced;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** A feed position's text reads back exactly, and malformed text is refused without echoing it. */
class FeedPositionTest {

    @Property
    void theTextReadsBackTheSamePosition(@ForAll @LongRange(min = 0) long postings,
            @ForAll @LongRange(min = 0) long tiers) {
        FeedPosition p = new FeedPosition(postings, tiers);
        assertThat(FeedPosition.parse(p.text())).isEqualTo(p);
        assertThat(p.toString()).isEqualTo(p.text());
    }

    @Test
    void startIsZeroZeroAndPositionsOrderByHowFarAReaderCame() {
        assertThat(FeedPosition.START.text()).isEqualTo("0.0");
        assertThat(new FeedPosition(3, 1)).isGreaterThan(new FeedPosition(2, 9)).isLessThan(new FeedPosition(3, 2));
        assertThat(new FeedPosition(3, 1).compareTo(new FeedPosition(3, 1))).isZero();
    }

    @Test
    void malformedTextAndNegativePartsAreRefused() {
        for (String bad : new String[] {"", ".", "1.", ".1", "1", "1.2.3", "-1.0", "a.b", "1,2", " 1.2",
                "99999999999999999999.0", "1." + "9".repeat(40)}) {
            assertThatThrownBy(() -> FeedPosition.parse(bad)).as(bad).isInstanceOf(InvalidRequestException.class)
                    .hasMessageNotContaining("a.b");
        }
        assertThatThrownBy(() -> FeedPosition.parse(null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new FeedPosition(-1, 0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new FeedPosition(0, -1)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new Sequenced<>(0, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sequenced<>(1, null)).isInstanceOf(NullPointerException.class);
    }
}
