package vn.dongxanh.trace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Numbers in records: those RFC 8785 keeps exactly pass, those it would change are refused. */
class CanonicalJsonTest {

    @Test
    void numbersThatSurviveCanonicalisationPass() {
        assertThat(CanonicalJson.canonicalize("{\"q\":9007199254740992,\"r\":-9007199254740992}"))
                .as("±2^53 is still exactly a double")
                .isEqualTo("{\"q\":9007199254740992,\"r\":-9007199254740992}");
        assertThat(CanonicalJson.canonicalize("{\"a\":12.5,\"b\":0.1,\"c\":1.0,\"d\":1e3,\"e\":-0.000125}"))
                .isEqualTo("{\"a\":12.5,\"b\":0.1,\"c\":1,\"d\":1000,\"e\":-0.000125}");
        // what Java writes for a double (Double.toString) reads back as the same double
        double mean = 12.345678901234567;
        assertThat(CanonicalJson.canonicalize("{\"mean\":" + mean + "}")).isEqualTo("{\"mean\":" + mean + "}");
        assertThat(CanonicalJson.canonicalize("{\"quantityKg\":\"12345678901234567890.123\"}"))
                .as("a decimal string is carried as it is")
                .isEqualTo("{\"quantityKg\":\"12345678901234567890.123\"}");
    }

    @Test
    void integersBeyond2To53AreRefusedNamingTheField() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"body\":{\"quantityKg\":9007199254740993}}"))
                .isInstanceOf(CanonicalJson.InexactNumber.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9007199254740993")
                .hasMessageContaining("/body/quantityKg")
                .satisfies(e ->
                        assertThat(((CanonicalJson.InexactNumber) e).pointer()).isEqualTo("/body/quantityKg"));
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"list\":[1,-12345678901234567890]}"))
                .isInstanceOf(CanonicalJson.InexactNumber.class)
                .hasMessageContaining("/list/1");
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"x\":1e20}"))
                .as("an integer written with an exponent is an integer too")
                .isInstanceOf(CanonicalJson.InexactNumber.class);
    }

    @Test
    void decimalsThatDoNotRoundTripAreRefused() {
        // what RFC 8785 would have made of them, silently: 0.30000000000000004 → kept (a double's
        // shortest form), 0.1000000000000000055511151231257827 → 0.1, 1234567.12345678912 → 1234567.1234567892
        assertThat(CanonicalJson.canonicalize("{\"a\":0.30000000000000004}")).isEqualTo("{\"a\":0.30000000000000004}");
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":0.1000000000000000055511151231257827}"))
                .isInstanceOf(CanonicalJson.InexactNumber.class)
                .hasMessageContaining("/a");
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"amount\":1234567.12345678912}"))
                .isInstanceOf(CanonicalJson.InexactNumber.class)
                .hasMessageContaining("/amount");
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"huge\":1.5e400}"))
                .as("beyond a double's range")
                .isInstanceOf(CanonicalJson.InexactNumber.class);
    }
}
