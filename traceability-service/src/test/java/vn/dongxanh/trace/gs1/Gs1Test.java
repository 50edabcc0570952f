package vn.dongxanh.trace.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** GS1 check digits with the examples of DOMAIN.md §8. */
class Gs1Test {
    @Test
    void checkDigitsOfTheGs1Examples() {
        assertThat(Gs1.checkDigit("0950600013435")).isEqualTo(2);
        assertThat(Gs1.checkDigit("893123456789")).isEqualTo(7);
        assertThat(Gs1.hasValidCheckDigit("8931234567897")).isTrue();
        assertThat(Gs1.hasValidCheckDigit("8931234567890")).isFalse();
    }

    @Test
    void gtinsBecomeGtin14() {
        assertThat(Gs1.gtin14("8931234567897")).isEqualTo("08931234567897");
        assertThat(Gs1.gtin14("09506000134352")).isEqualTo("09506000134352");
        assertThatThrownBy(() -> Gs1.gtin14("8931234567891")).hasMessageContaining("expected 7");
        assertThatThrownBy(() -> Gs1.gtin14("89312345")).hasMessageContaining("check digit");
        assertThatThrownBy(() -> Gs1.gtin14("12345")).hasMessageContaining("8, 12, 13 or 14 digits");
    }
}
