package vn.dongxanh.trace.certificate;

import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Certificate rules ({@code dx.trace.certificates.*}; DOMAIN.md §4 — sourced or defaults).
 *
 * @param expiringDays a valid certificate is EXPIRING this many days before its end
 * @param vietgapNumberPattern the usual number form; others are accepted with a warning
 * @param vietgapMaxValidityMonths longest validity of a VietGAP certificate
 * @param vietgapExtensionMonths extension allowed on top of it when renewal is pending
 * @param globalgapValidityMonths GLOBALG.A.P. certificate cycle; longer is accepted with a warning
 * @param ocopValidityMonths validity of an OCOP recognition (also the default end date)
 */
@ConfigurationProperties("dx.trace.certificates")
public record CertificateProperties(
        int expiringDays,
        Pattern vietgapNumberPattern,
        int vietgapMaxValidityMonths,
        int vietgapExtensionMonths,
        int globalgapValidityMonths,
        int ocopValidityMonths) {}
