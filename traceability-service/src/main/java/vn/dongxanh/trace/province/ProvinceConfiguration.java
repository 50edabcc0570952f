package vn.dongxanh.trace.province;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProvinceProperties.class)
class ProvinceConfiguration {}
