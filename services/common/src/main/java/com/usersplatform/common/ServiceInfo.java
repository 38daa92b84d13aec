package com.usersplatform.common;

/**
 * Identity of a running service, stamped on every log line, health body and metric scrape.
 *
 * @param name    service name, e.g. {@code users}
 * @param version build or image version, e.g. {@code 1.4.2}
 */
public record ServiceInfo(String name, String version) {
}
