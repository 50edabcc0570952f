package vn.dongxanh.trace.growingarea;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegisterProperties.class)
class RegisterConfiguration {}
