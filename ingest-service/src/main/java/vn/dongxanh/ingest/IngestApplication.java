package vn.dongxanh.ingest;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The ingest service: takes gateway telemetry from MQTT, stores it as a narrow time series in
 * PostgreSQL (TimescaleDB when present) and answers series queries over HTTP.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling // gives us Boot's TaskScheduler for the partition maintainer
public class IngestApplication {
    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }

    /** The one clock of the service, so tests and code agree on "now". */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
