package vn.dongxanh.trace.listing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The listing feed's options. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ListingProperties.class)
class ListingConfiguration {}
