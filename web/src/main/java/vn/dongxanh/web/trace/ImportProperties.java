package vn.dongxanh.web.trace;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The register's import of legacy codes ({@code dx.web.register}, docs/register-import.md).
 *
 * @param importTimeout how long the import page waits for traceability-service's report (default
 *     10 minutes): a file of thousands of rows is checked and entered a code at a time, far longer
 *     than {@code dx.web.api-timeout} allows a page
 */
@ConfigurationProperties("dx.web.register")
public record ImportProperties(Duration importTimeout) {
    public ImportProperties {
        importTimeout = importTimeout == null ? Duration.ofMinutes(10) : importTimeout;
    }
}
