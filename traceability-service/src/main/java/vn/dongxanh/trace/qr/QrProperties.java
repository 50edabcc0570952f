package vn.dongxanh.trace.qr;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * QR label options ({@code dx.trace.qr.*}).
 *
 * @param sizePixels width and height of the PNG
 * @param quietZoneModules white border in modules (ISO/IEC 18004 asks for 4)
 * @param errorCorrection L, M, Q or H (M survives ~15 % damage: a scuffed bag)
 */
@ConfigurationProperties("dx.trace.qr")
public record QrProperties(int sizePixels, int quietZoneModules, String errorCorrection) {}
