package vn.dongxanh.trace;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import vn.dongxanh.trace.anchor.AnchorProperties;
import vn.dongxanh.trace.batch.BatchProperties;
import vn.dongxanh.trace.certificate.CertificateProperties;
import vn.dongxanh.trace.diary.DiaryProperties;
import vn.dongxanh.trace.epcis.EpcisProperties;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;
import vn.dongxanh.trace.ingest.IngestProperties;
import vn.dongxanh.trace.label.LabelProperties;
import vn.dongxanh.trace.qr.QrProperties;
import vn.dongxanh.trace.record.RecordProperties;
import vn.dongxanh.trace.web.PublicProperties;

/** Service-wide beans: the clock every rule reads, scheduling, and the anchoring options. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({
    AnchorProperties.class,
    GrowingAreaProperties.class,
    CertificateProperties.class,
    DiaryProperties.class,
    BatchProperties.class,
    EpcisProperties.class,
    PublicProperties.class,
    QrProperties.class,
    LabelProperties.class,
    IngestProperties.class,
    RecordProperties.class
})
public class AppConfiguration {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
