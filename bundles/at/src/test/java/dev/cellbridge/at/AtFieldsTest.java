package dev.cellbridge.at;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The exported parameter parser that the engine's framing and the cellular parsers share. */
class AtFieldsTest {

    @Test
    void commasInsideQuotesDoNotSplit() {
        AtFields f = AtFields.of("+QISTATE: 0,\"TCP\",\"a,b\", 80 ,\"\"");
        assertThat(f.values()).containsExactly("0", "\"TCP\"", "\"a,b\"", "80", "\"\"");
        assertThat(f.text(2)).isEqualTo("a,b");
        assertThat(f.isQuoted(1)).isTrue();
        assertThat(f.isQuoted(0)).isFalse();
        assertThat(f.number(3)).isEqualTo(80);
        assertThat(f.text(4)).isEmpty();
    }

    @Test
    void commandParametersFollowTheEqualsSign() {
        assertThat(AtFields.ofCommand("AT+QICLOSE=0,30").values()).containsExactly("0", "30");
        assertThat(AtFields.ofCommand("AT+QIACT?").values()).isEmpty();
        assertThat(AtFields.of("RDY").values()).containsExactly("RDY");
        assertThat(AtFields.split("")).containsExactly("");
    }

    @Test
    void numbersAreCheckedAndNamed() {
        AtFields f = AtFields.of("+X: 12,\"7\",-3,abc,1234567890");
        assertThat(f.number(1)).isEqualTo(7);
        assertThat(f.number(2)).isEqualTo(-3);
        assertThatThrownBy(() -> f.number(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 4 is not a number: \"abc\"");
        assertThat(f.isNumber(0)).isTrue();
        assertThat(f.isNumber(1)).isFalse(); // quoted
        assertThat(f.isNumber(2)).isFalse(); // signed
        assertThat(AtFields.nonNegative("550")).isEqualTo(550);
        assertThat(AtFields.nonNegative("1234567890")).isEqualTo(-1); // over 9 digits
        assertThat(AtFields.nonNegative("")).isEqualTo(-1);
        assertThat(AtFields.nonNegative("+5")).isEqualTo(-1);
        assertThat(AtFields.nonNegative("\u0665")).isEqualTo(-1); // a non-ASCII digit
    }
}
