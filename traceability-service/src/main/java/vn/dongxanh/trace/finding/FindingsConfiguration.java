package vn.dongxanh.trace.finding;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FindingsProperties.class)
class FindingsConfiguration {}
