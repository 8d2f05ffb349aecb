package io.catalyst.gateway.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Edge settings of the gateway ({@code catalyst.gateway.*}).
 *
 * @param maxRequestSize  the largest request body accepted on {@code /api/**} (Git pushes are not limited)
 * @param trustedProxies  addresses or CIDR ranges of the load balancers in front of the gateway; only from these is
 *                        {@code X-Forwarded-For} believed when telling who the client is
 */
@ConfigurationProperties("catalyst.gateway")
public record GatewayProperties(
    @DefaultValue("10MB") DataSize maxRequestSize,
    @DefaultValue List<String> trustedProxies) {}
