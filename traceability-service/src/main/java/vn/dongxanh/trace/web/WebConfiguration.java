package vn.dongxanh.trace.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The request size limit, before anything else reads a body; the lists' page sizes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WebProperties.class, ListProperties.class})
public class WebConfiguration {
    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(WebProperties props) {
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(props.maxRequestSize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
