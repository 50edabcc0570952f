package vn.dongxanh.ingest.telemetry;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.uplink.UplinkCodec;

/** The contract codec, with the limits from configuration. */
@Configuration(proxyBeanMethods = false)
class TelemetryConfiguration {
    @Bean
    UplinkCodec uplinkCodec(Clock clock, CodecProperties codec) {
        return new UplinkCodec(new TelemetryCodec(clock, codec.limits()));
    }
}
