package com.usersplatform.gateway.protection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the client behind {@code trustedHops} proxies, for rate limiting anonymous requests. Each trusted
 * proxy appends the address it received the request from to {@code X-Forwarded-For} (the ALB's default
 * {@code append} mode: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html),
 * so only the last {@code trustedHops} entries were written by our proxies; anything left of them came from the
 * client and may be forged. The client is therefore the {@code trustedHops}-th entry from the right; with fewer
 * entries, or an entry that is not an IP address, the request did not come through the proxies as configured and the
 * connection's peer is used. The result is always an IP literal or the peer, never free header text.
 */
public final class ClientAddress {

    /** IPv4 dotted quad, or IPv6 (hex groups and colons, optionally ending in a dotted quad). */
    private static final Pattern IP = Pattern.compile(
            "(\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})?");
    /** Longest IPv6 text form (45 characters). */
    private static final int MAX_ADDRESS = 45;

    private final int trustedHops;

    /** @param trustedHops proxies in front of the gateway that append to {@code X-Forwarded-For} (0: none) */
    public ClientAddress(int trustedHops) {
        if (trustedHops < 0) {
            throw new IllegalArgumentException("trusted hops must be 0 or more, got " + trustedHops);
        }
        this.trustedHops = trustedHops;
    }

    /**
     * @param peer          the connection's remote address
     * @param forwardedFor  every {@code X-Forwarded-For} header of the request, in order
     * @return the client's address
     */
    public String of(String peer, List<String> forwardedFor) {
        if (trustedHops == 0) {
            return peer;
        }
        List<String> entries = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",")) {
                entries.add(entry.strip());
            }
        }
        if (entries.size() < trustedHops) {
            return peer;
        }
        String candidate = entries.get(entries.size() - trustedHops);
        return candidate.length() <= MAX_ADDRESS && IP.matcher(candidate).matches() ? candidate : peer;
    }
}
