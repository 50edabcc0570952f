package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ./dx run tells whoever starts it that its labels carry a local address. */
class LocalLabelWarningTest {
    @Test
    void theWarningNamesTheLocalAddressAndTheProductionSetting() {
        String warning = Platform.localLabelWarning("http://127.0.0.1:8080");
        assertThat(warning)
                .startsWith("WARNING:")
                .contains("http://127.0.0.1:8080")
                .contains("local")
                .contains("DX_TRACE_PUBLIC_URL")
                .endsWith("\n\n");
    }
}
