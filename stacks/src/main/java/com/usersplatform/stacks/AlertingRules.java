package com.usersplatform.stacks;

import java.net.URI;
import java.util.regex.Pattern;

/** Rules of {@link AlertingConfig}. */
final class AlertingRules {

    private static final String PATH = StackValidator.PREFIX + "alerting";
    /** A plain address: SNS e-mail endpoints are addresses, not display names. */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private AlertingRules() {
    }

    static void check(AlertingConfig alerting, boolean production, Problems problems) {
        for (int i = 0; i < alerting.emailEndpoints().size(); i++) {
            String address = alerting.emailEndpoints().get(i);
            problems.check(EMAIL.matcher(address).matches(), PATH + ".emailEndpoints[" + i + "]",
                    "must be an e-mail address such as oncall@example.com");
        }
        for (int i = 0; i < alerting.httpsEndpoints().size(); i++) {
            problems.check(isHttpsUrl(alerting.httpsEndpoints().get(i)), PATH + ".httpsEndpoints[" + i + "]",
                    "must be an https:// URL with a host (SNS delivers to it by HTTPS POST)");
        }
        alerting.chatWebhookSecretName().ifPresent(name -> problems.check(ServiceRules.SECRET_NAME.matcher(name).matches(),
                PATH + ".chatWebhookSecretName", "must be a Secrets Manager secret name (1 to 512 of A-Z a-z 0-9 /_+=.@-)"));
        double memory = alerting.cacheMemoryFullPercent();
        problems.check(memory >= 50 && memory < 100, PATH + ".cacheMemoryFullPercent",
                "must be at least 50 and below 100 (writes fail at 100 under noeviction), got " + memory);
        problems.check(!production || alerting.hasSubscribers(), PATH,
                "production needs at least one of emailEndpoints, httpsEndpoints, chatWebhookSecretName"
                        + " (otherwise alarms reach no one)");
    }

    private static boolean isHttpsUrl(String text) {
        try {
            URI uri = new URI(text);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
