package com.usersplatform.common;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.ObserverConfigBase;
import io.helidon.webserver.observe.spi.Observer;
import io.helidon.webserver.spi.ServerFeature;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Helidon's observe feature serving {@code /health/**} ({@link HealthService}) and {@code /metrics}
 * ({@link MetricsService}) as its two observers, and nothing else: no discovered observers, so no
 * {@code /observe/*} routes.
 */
public final class ServiceObservers {
    /** Type (and name) of the health observer; with the feature's root {@code /} its endpoint is {@code /health}. */
    static final String HEALTH = "health";
    /** Type (and name) of the metrics observer; its endpoint is {@code /metrics}. */
    static final String METRICS = "metrics";
    /**
     * Above the routing's own weight (100, {@code Weighted.DEFAULT_WEIGHT}) so the observers' routes come before the
     * routing's JSON 404 catch-all; the feature's default (80) puts them after it
     * (<a href="https://github.com/helidon-io/helidon/blob/4.5.0/webserver/webserver/src/main/java/io/helidon/webserver/http/HttpRoutingImpl.java">features
     * sorted by weight</a>).
     */
    static final double WEIGHT = 110;

    private ServiceObservers() {
    }

    /**
     * The observe feature for {@code service}: health over {@code checks}, metrics from {@code metrics}.
     * {@link ServiceRouting#create} adds it to the server.
     */
    static ObserveFeature feature(ServiceInfo service, HttpMetrics metrics, Map<String, HealthCheck> checks) {
        // Explicit observers only (no ServiceLoader discovery), under the root: an observer's relative endpoint
        // "health" becomes "/health" (ObserveFeature#endpoint,
        // https://github.com/helidon-io/helidon/blob/4.5.0/webserver/observe/observe/src/main/java/io/helidon/webserver/observe/ObserveFeature.java).
        // Its default name "observe" also keeps the server from adding a discovered observe feature: a feature of the
        // same type and name already on the builder is not discovered again (ProvidedUtil#discoverServices,
        // https://github.com/helidon-io/helidon/blob/4.5.0/config/config/src/main/java/io/helidon/config/ProvidedUtil.java).
        return ObserveFeature.builder()
                .observersDiscoverServices(false)
                .addObserver(new EndpointObserver(HEALTH, new HealthService(service, checks)))
                .addObserver(new EndpointObserver(METRICS, new MetricsService(metrics)))
                .endpoint("/")
                .weight(WEIGHT)
                .build();
    }

    /** An observer that serves one {@link HttpService} at its endpoint, on every socket the feature exposes. */
    static final class EndpointObserver implements Observer {
        private final ObserverConfigBase config;
        private final HttpService service;

        EndpointObserver(String type, HttpService service) {
            this.config = ObserverConfigBase.builder().name(type).build();
            this.service = service;
        }

        @Override
        public ObserverConfigBase prototype() {
            return config;
        }

        @Override
        public String type() {
            return config.name();
        }

        /** The service this observer serves. */
        HttpService service() {
            return service;
        }

        @Override
        public void register(ServerFeature.ServerFeatureContext featureContext,
                             List<HttpRouting.Builder> observeEndpointRouting,
                             UnaryOperator<String> endpointFunction) {
            // Routes on these builders become an HTTP feature with the observe feature's weight (ServerToHttpFeatureBuilder).
            String endpoint = endpointFunction.apply(type());
            observeEndpointRouting.forEach(routing -> routing.register(endpoint, service));
        }
    }
}
