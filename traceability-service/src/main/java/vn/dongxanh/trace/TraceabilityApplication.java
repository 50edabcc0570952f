package vn.dongxanh.trace;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The traceability service: organisations, plots, growing-area codes, certificates, batches and
 * their events, anchored on a ledger (DESIGN.md). Configuration lives in application.yaml, each
 * option overridable by an environment variable (see CONFIGURATION.md).
 */
@SpringBootApplication
public class TraceabilityApplication {
    public static void main(String[] args) {
        SpringApplication.run(TraceabilityApplication.class, args);
    }
}
