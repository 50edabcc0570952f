package vn.dongxanh.trace.batch;

import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Batch rules ({@code dx.trace.batches.*}).
 *
 * @param lotPattern platform lots (GS1 AI 10 allows up to 20 characters of set 82; the default
 *     {@code [A-Z0-9-]{1,20}} needs no percent-encoding in a Digital Link URI)
 */
@ConfigurationProperties("dx.trace.batches")
public record BatchProperties(Pattern lotPattern) {}
